import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beginDrain, createLogger, instrument, metricsRoute, PaygateError, pgSql, PRUNE_EVERY_MS, startPeriodicTask } from '@paygate/chassis';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { findKeyOwner } from './db/accounts';
import { createPrismaClient } from './db/client';
import { IdempotencyStore } from './db/idempotency';
import { loadEnv, type EdgeEnv } from './env';
import { GraphClient } from '@paygate/chassis';
import { authenticate, cachedKeyLookup } from './http/auth';
import { formParams } from './http/form-body';
import { graphqlDoor, graphqlRateLimitReply } from './http/graphql-door';
import { paymentMutationFields, rateLimit } from './http/rate-limit';
import { FailOpenRateLimiter, redisRateLimitStore } from './http/rate-limiter';
import { requestId } from './http/request-id';
import { openApiJson } from './http/openapi';
import { mountRoutes } from './http/route-table';
import { stripeErrorHandler } from './http/stripe-errors';
import { stripeHeaders } from './http/stripe-headers';
import { readTlsFiles, startTlsListener } from './http/tls';
import { mountCheckoutPage } from './pages/checkout';
import { mountInvoicePage } from './pages/invoice';
import { mountThreeDSecurePage } from './pages/three-d-secure';
import { accountHandler, accountRoutes } from './resources/account';
import { API_ROUTES, ROUTES } from './routes';

export interface RunningEdge {
  url: string;
  port: number;
  metricsUrl: string;
  /** The HTTPS door (HTTP/2, HTTP/1.1 fallback) when TLS_PORT is set. */
  tlsUrl?: string;
  stop(): Promise<void>;
}

/** The only public door: Stripe's REST wire format in, GraphQL to the gateway, Stripe's JSON out. */
export async function startEdge(env: EdgeEnv = loadEnv()): Promise<RunningEdge> {
  const logger = createLogger('rest-edge', env.LOG_LEVEL);
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', false); // params are decoded once, by qs, in formParams
  instrument(app, 'rest-edge');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'rest-edge' });
  });
  const drain = { draining: false };
  // Stopping: requests still arriving on open keep-alive connections are served, and their connection closed after.
  app.use((_req, res, next) => {
    if (drain.draining) res.set('Connection', 'close');
    next();
  });
  app.get('/ready', async (_req, res) => {
    if (drain.draining) return void res.status(503).json({ status: 'draining', service: 'rest-edge' });
    try {
      await prisma.$queryRawUnsafe('SELECT 1');
      const gateway = await fetch(env.GATEWAY_URL.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2_000) });
      if (!gateway.ok) throw new Error('gateway not ready');
      res.json({ status: 'ready', service: 'rest-edge' });
    } catch (err) {
      res.status(503).json({ status: 'not_ready', service: 'rest-edge', reason: (err as Error).message });
    }
  });

  app.use(requestId);
  app.use('/v1', stripeHeaders(env.PAYGATE_STRIPE_API_VERSION));
  // Logs method, path (never the query string or body: card data may be in them), status, time.
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => String((res as Response).locals?.requestId ?? ''),
      // JSON lines with request_id (the Request-Id) and, once authenticated, the account (logger.ts adds trace_id).
      // req.log binds only the id (as request_id); the request itself is logged once, on the response.
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'request_id' },
      customProps: (_req, res) => {
        const account = (res as Response).locals?.caller?.account as string | undefined;
        return account ? { account } : {};
      },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  // The OpenAPI document of the /v1 routes: public (it says what the API is, not what an account holds),
  // built once from the route table.
  const openApi = openApiJson(API_ROUTES);
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  // Hosted pages are authorised by the object's own secret, not an API key: mounted before auth.
  mountThreeDSecurePage(app, graph, logger, env.BODY_LIMIT_BYTES);
  mountCheckoutPage(app, graph, logger, env.BODY_LIMIT_BYTES);
  mountInvoicePage(app, graph, logger, env.BODY_LIMIT_BYTES);
  app.use(['/v1', '/graphql'], authenticate(cachedKeyLookup((key) => findKeyOwner(prisma, key))));
  // Counted per API key before a body is read or the graph is called: a refused request has no effect.
  const limiter = new FailOpenRateLimiter(redisRateLimitStore(env.REDIS_URL, env.PAYGATE_RATE_LIMIT_KEY_PREFIX, logger), logger);
  const rateLimits = { perMinute: env.PAYGATE_RATE_LIMIT_PER_MINUTE, paymentsPerMinute: env.PAYGATE_PAYMENT_RATE_LIMIT_PER_MINUTE };
  app.use('/v1', rateLimit(limiter, rateLimits));
  app.use('/graphql', rateLimit(limiter, rateLimits, graphqlRateLimitReply));
  app.post('/graphql', graphqlDoor({ graph, limiter, rateLimits, paymentFields: paymentMutationFields(ROUTES), bodyLimitBytes: env.GRAPHQL_BODY_LIMIT_BYTES }));

  app.use('/v1', formParams(env.BODY_LIMIT_BYTES));
  // The account itself is the edge's own data (its database holds accounts and keys): no graph call.
  app.get(accountRoutes.map((r) => r.path), accountHandler(prisma));
  // Claims and completions ride on every POST with a key: plain node-postgres, not Prisma (see IdempotencyStore).
  const idempotencySql = pgSql(env.DATABASE_URL, 10);
  const idempotency = new IdempotencyStore(idempotencySql);
  mountRoutes(app, ROUTES, { graph, idempotency, logger });
  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(new PaygateError('url_not_found', `Unrecognized request URL (${req.method}: ${req.path}).`));
  });
  app.use(stripeErrorHandler(logger));

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const metricsApp = express();
  metricsApp.get('/metrics', metricsRoute);
  const metricsServer = http.createServer(metricsApp);
  await new Promise<void>((resolve) => metricsServer.listen(env.METRICS_PORT, env.METRICS_HOST, resolve));
  const metricsPort = (metricsServer.address() as AddressInfo).port;
  // HTTPS: HTTP/1.1 over TLS to the same app, HTTP/2 streams forwarded to the plain listener above.
  const tls = env.TLS_PORT === undefined ? null : await startTlsListener({ app, upstreamPort: port, host: env.HOST, port: env.TLS_PORT, ...readTlsFiles(env), logger });
  // Idempotency records live 24 h (Stripe's rule, IDEMPOTENCY_KEY_TTL_HOURS); pruned hourly in batches.
  const pruning = startPeriodicTask({ name: 'prune-idempotency-records', everyMs: PRUNE_EVERY_MS, run: () => idempotency.pruneExpired() }, logger);
  logger.info({ port, metricsPort }, 'rest edge listening');
  return {
    url: `http://${env.HOST}:${port}`,
    port,
    metricsUrl: `http://${env.METRICS_HOST}:${metricsPort}/metrics`,
    ...(tls ? { tlsUrl: tls.url } : {}),
    // Readiness false first (and PAYGATE_DRAIN_DELAY_MS), then no new connections; close() waits for the
    // requests in flight, whose own graph calls finish, and closes idle keep-alive connections.
    stop: async () => {
      await beginDrain(drain);
      await pruning.stop();
      await tls?.close();
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await graph.close();
      await limiter.close();
      await idempotencySql.$disconnect();
      await prisma.$disconnect();
    },
  };
}
