import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ACCOUNT_CONTEXT_HEADER, createLogger, IDEMPOTENCY_KEY_HEADER, instrument, metricsHandler, REQUEST_ID_HEADER } from '@paygate/chassis';
import express from 'express';
import { composeSupergraph } from './compose';
import { loadEnv, type GatewayEnv } from './env';

/** What the gateway passes on: the edge's signed account context, request id and Idempotency-Key, nothing else. */
interface GatewayContext {
  accountContext?: string;
  requestId?: string;
  idempotencyKey?: string;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: GatewayContext }): void {
    if (context.accountContext) request.http?.headers.set(ACCOUNT_CONTEXT_HEADER, context.accountContext);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.idempotencyKey) request.http?.headers.set(IDEMPOTENCY_KEY_HEADER, context.idempotencyKey);
  }
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The federated gateway: a static supergraph composed from the subgraphs' SDL at boot, and header
 * forwarding. No resolvers here. It listens on loopback: the REST edge is the only public door.
 */
export async function startGateway(env: GatewayEnv = loadEnv()): Promise<RunningGateway> {
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(env.subgraphUrls),
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  const app = express();
  app.disable('x-powered-by');
  instrument(app, 'gateway');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/metrics', metricsHandler);
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(env.subgraphUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2_000) });
          return [name, r.ok] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    const notReady = checks.filter(([, ok]) => !ok).map(([name]) => name);
    res.status(notReady.length ? 503 : 200).json({ status: notReady.length ? 'not_ready' : 'ready', service: 'gateway', notReady });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        accountContext: req.header(ACCOUNT_CONTEXT_HEADER),
        requestId: req.header(REQUEST_ID_HEADER),
        idempotencyKey: req.header(IDEMPOTENCY_KEY_HEADER),
      }),
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  const { port } = httpServer.address() as AddressInfo;
  logger.info({ port }, 'gateway listening');
  return {
    url: `http://${env.HOST}:${port}/graphql`,
    port,
    stop: async () => {
      await apollo.stop();
    },
  };
}
