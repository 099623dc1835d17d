import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { ACCOUNT_CONTEXT_HEADER, IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, verifyAccountContext, type KeyType } from './account-context';
import { PaygateError } from './errors';
import type { Logger } from './logger';
import { graphqlHandler, headerOf, metricsRoute, routes, sendJson } from './graphql-http';
import { registry } from './metrics';
import { beginDrain } from './lifecycle';
import { runInRequestScope } from './request-scope';
import { ACCOUNT_ATTRIBUTE, setActiveSpanAttributes } from './tracing';

/** What every resolver receives: the verified account, the key type, the edge's request id and Idempotency-Key. */
export interface SubgraphContext {
  account: string;
  keyType: KeyType;
  requestId: string;
  /** The merchant's Idempotency-Key of this request, if any: record it with the effect it produces. */
  idempotencyKey: string | null;
  logger: Logger;
}

/** Who is asking, as a use case needs it: the verified account, the key type, the request id and its Idempotency-Key. */
export type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'idempotencyKey' | 'requestId'>;

export type SubgraphResolvers = GraphQLResolverMap<SubgraphContext>;

export interface SubgraphOptions {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  port: number;
  host: string;
  contextSecret: string;
  logger: Logger;
  /**
   * Throws when the service cannot serve (its database is away); drives GET /ready. What it returns
   * (e.g. the relay's and the consumer's state) is added to the response.
   */
  readiness: () => Promise<void | Record<string, unknown>>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** GraphQL's own request errors are the caller's to see; anything else is masked. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export function formatSubgraphError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof PaygateError) {
      return { message: original.message, path: formatted.path, extensions: original.toExtensions() };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    logger.error({ err: original }, 'unexpected error in resolver');
    return { message: 'An unexpected error occurred.', path: formatted.path, extensions: { code: 'api_error' } };
  };
}

async function withTimeout<T>(check: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`readiness check timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One Apollo subgraph with /health, /ready and /graphql (and /metrics), the same in every service. */
export async function startSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  const { logger } = options;
  const drain = { draining: false };
  registry.setDefaultLabels({ service: options.name });
  const httpServer = http.createServer();
  const apollo = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    includeStacktraceInErrorResponses: false,
    // The process's own lifecycle (runUntilSignal) stops the server, the relay, the consumer and the pool in order.
    stopOnTerminationSignals: false,
    // Internal teams explore the graph; NODE_ENV=production (containers) would otherwise turn this off.
    introspection: true,
    formatError: formatSubgraphError(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  const graphql = graphqlHandler<SubgraphContext>({
    apollo,
    limitBytes: 1024 * 1024,
    rejectNul: true,
    context: async (req) => {
      const verified = verifyAccountContext(headerOf(req, ACCOUNT_CONTEXT_HEADER), options.contextSecret);
      if (!verified) {
        throw new GraphQLError('A valid account context is required.', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      const requestId = headerOf(req, REQUEST_ID_HEADER) ?? 'req_internal';
      const idempotencyKey = headerOf(req, IDEMPOTENCY_KEY_HEADER) ?? null;
      setActiveSpanAttributes({ [ACCOUNT_ATTRIBUTE]: verified.account });
      let child: Logger | undefined;
      return {
        account: verified.account,
        keyType: verified.keyType,
        requestId,
        idempotencyKey,
        // Made when a resolver first logs: most requests never do, and a child logger per request showed in profiles.
        get logger() {
          // request_id (and trace_id) come from the line context (logger.ts), inside the request's scope.
          return (child ??= logger.child({ account: verified.account }));
        },
      };
    },
  });
  httpServer.on(
    'request',
    routes(
      {
        // Events built while serving the request carry its id and Idempotency-Key (request-scope.ts).
        '/graphql': (req, res) =>
          runInRequestScope({ id: headerOf(req, REQUEST_ID_HEADER) ?? null, idempotency_key: headerOf(req, IDEMPOTENCY_KEY_HEADER) ?? null }, () => graphql(req, res)),
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }),
        '/metrics': metricsRoute,
        '/ready': async (_req, res) => {
          if (drain.draining) return sendJson(res, 503, { status: 'draining', service: options.name });
          try {
            const details = await withTimeout(options.readiness, 2_000);
            sendJson(res, 200, { status: 'ready', service: options.name, ...(details ?? {}) });
          } catch (err) {
            sendJson(res, 503, { status: 'not_ready', service: options.name, reason: (err as Error).message });
          }
        },
      },
      (err) => logger.error({ err }, 'unexpected error serving a request'),
    ),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  logger.info({ port }, `${options.name} subgraph listening`);
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    // Readiness false first (and the drain delay), then the drain plugin stops accepting connections
    // and waits for the requests in flight; the caller then stops the relay, consumer and pools.
    close: async () => {
      await beginDrain(drain);
      await apollo.stop();
    },
  };
}
