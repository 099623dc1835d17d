import { ACCOUNT_CONTEXT_HEADER, IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, signAccountContext, type KeyType } from './account-context';
import { Pool } from 'undici';
import { isErrorCode, PaygateError, type PaygateErrorDetails } from './errors';

export interface GraphCaller {
  account: string;
  keyType: KeyType;
  requestId: string;
  /** The request's Idempotency-Key: the subgraph records it with the effect. */
  idempotencyKey?: string;
}

interface GraphResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Turns a GraphQL error from the graph into the catalog error it carries, or a masked internal error. */
export function errorFromGraph(errors: NonNullable<GraphResponse<unknown>['errors']>): Error {
  for (const error of errors) {
    const ext = error.extensions ?? {};
    if (isErrorCode(ext.code) && ext.code !== 'api_error') {
      const details: PaygateErrorDetails = {};
      for (const key of ['param', 'declineCode', 'charge', 'paymentIntent', 'paymentMethod'] as const) {
        if (typeof ext[key] === 'string') details[key] = ext[key];
      }
      return new PaygateError(ext.code, error.message, details);
    }
  }
  // The graph refused an argument's value (a type the edge's validation let through): the client's
  // mistake, so a 400 — with a fixed message, since GraphQL's own one quotes the value (a card number?).
  if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
    return new PaygateError('invalid_request', 'Invalid request: a parameter has a value of the wrong type or out of range.');
  }
  return new Error(`graph error: ${errors.map((e) => `${e.message} (${String(e.extensions?.code ?? 'no code')})`).join('; ')}`);
}

/** A graph call that has not answered in this long fails (the gateway's own subgraph calls time out sooner). */
const GRAPH_TIMEOUT_MS = 30_000;

/**
 * The way into the federated graph (the edge's, and a subgraph's for a synchronous cross-service read):
 * signs the account context and posts to the gateway, over a pool of kept-alive connections (undici:
 * a request costs a fraction of what the global fetch's streams and Request objects do).
 */
export class GraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    gatewayUrl: string,
    private readonly contextSecret: string,
    connections = 32,
  ) {
    const url = new URL(gatewayUrl);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, { connections, keepAliveTimeout: 30_000, headersTimeout: GRAPH_TIMEOUT_MS, bodyTimeout: GRAPH_TIMEOUT_MS });
  }

  headers(caller: GraphCaller): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [ACCOUNT_CONTEXT_HEADER]: signAccountContext(caller.account, this.contextSecret, undefined, caller.keyType),
      [REQUEST_ID_HEADER]: caller.requestId,
    };
    if (caller.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = caller.idempotencyKey;
    return headers;
  }

  private async post(body: string, caller: GraphCaller): Promise<{ status: number; body: string }> {
    const response = await this.pool.request({ method: 'POST', path: this.path, headers: this.headers(caller), body });
    return { status: response.statusCode, body: await response.body.text() };
  }

  /** Raw pass-through for the edge's /graphql door. */
  forward(body: unknown, caller: GraphCaller): Promise<{ status: number; body: string }> {
    return this.post(JSON.stringify(body), caller);
  }

  async execute<T>(query: string, variables: Record<string, unknown>, caller: GraphCaller): Promise<T> {
    const response = await this.post(JSON.stringify({ query, variables }), caller);
    const payload = JSON.parse(response.body) as GraphResponse<T>;
    if (payload.errors?.length) throw errorFromGraph(payload.errors);
    if (!payload.data) throw new Error(`graph returned no data (HTTP ${response.status})`);
    return payload.data;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
