import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ACCOUNT_CONTEXT_HEADER,
  beginDrain,
  createLogger,
  graphqlHandler,
  headerOf,
  IDEMPOTENCY_KEY_HEADER,
  metricsRoute,
  type NodeHandler,
  registry,
  REQUEST_ID_HEADER,
  routes,
  sendJson,
} from '@paygate/chassis';
import { composeSupergraph } from './compose';
import { loadEnv, type GatewayEnv } from './env';
import { subgraphFetcher } from './subgraph-fetcher';

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
  // @apollo/gateway otherwise starts an OpenTelemetry meter that exports usage data to Apollo over
  // HTTPS: a payment gateway's internals do not phone home (and the exporter's timers cost idle CPU).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const fetcher = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(env.subgraphUrls),
    buildService: ({ url }) => new ForwardingDataSource({ url, fetcher }),
  });
  registry.setDefaultLabels({ service: 'gateway' });
  const httpServer = http.createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  const drain = { draining: false };
  const ready: NodeHandler = async (_req, res) => {
    if (drain.draining) return sendJson(res, 503, { status: 'draining', service: 'gateway' });
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
    sendJson(res, notReady.length ? 503 : 200, { status: notReady.length ? 'not_ready' : 'ready', service: 'gateway', notReady });
  };
  httpServer.on(
    'request',
    routes(
      {
        '/graphql': graphqlHandler<GatewayContext>({
          apollo,
          limitBytes: 1024 * 1024,
          context: async (req) => ({
            accountContext: headerOf(req, ACCOUNT_CONTEXT_HEADER),
            requestId: headerOf(req, REQUEST_ID_HEADER),
            idempotencyKey: headerOf(req, IDEMPOTENCY_KEY_HEADER),
          }),
        }),
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
        '/metrics': metricsRoute,
        '/ready': ready,
      },
      (err) => logger.error({ err }, 'unexpected error serving a request'),
    ),
  );
  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  const { port } = httpServer.address() as AddressInfo;
  logger.info({ port }, 'gateway listening');
  return {
    url: `http://${env.HOST}:${port}/graphql`,
    port,
    stop: async () => {
      await beginDrain(drain); // readiness false first; then no new connections, in-flight plans finish
      await apollo.stop();
      await fetcher.close();
    },
  };
}
