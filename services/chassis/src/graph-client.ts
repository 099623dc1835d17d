import { ACCOUNT_CONTEXT_HEADER, IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, signAccountContext, type KeyType } from './account-context';
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

/**
 * The way into the federated graph (the edge's, and a subgraph's for a synchronous cross-service read):
 * signs the account context and posts to the gateway.
 */
export class GraphClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly contextSecret: string,
  ) {}

  headers(caller: GraphCaller): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [ACCOUNT_CONTEXT_HEADER]: signAccountContext(caller.account, this.contextSecret, undefined, caller.keyType),
      [REQUEST_ID_HEADER]: caller.requestId,
    };
    if (caller.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = caller.idempotencyKey;
    return headers;
  }

  /** Raw pass-through for the edge's /graphql door. */
  async forward(body: unknown, caller: GraphCaller): Promise<{ status: number; body: string }> {
    const response = await fetch(this.gatewayUrl, { method: 'POST', headers: this.headers(caller), body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    return { status: response.status, body: await response.text() };
  }

  async execute<T>(query: string, variables: Record<string, unknown>, caller: GraphCaller): Promise<T> {
    const response = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: this.headers(caller),
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const payload = (await response.json()) as GraphResponse<T>;
    if (payload.errors?.length) throw errorFromGraph(payload.errors);
    if (!payload.data) throw new Error(`graph returned no data (HTTP ${response.status})`);
    return payload.data;
  }
}
