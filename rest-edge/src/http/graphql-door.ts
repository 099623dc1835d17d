import { BodyTooLargeError, PaygateError, readBody, registry, type GraphClient } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import { Counter } from 'prom-client';
import type { KeyOwner } from '../db/accounts';
import { PUBLISHABLE_KEY_FORBIDDEN } from './auth';
import { gatewaySchema } from './gateway-schema';
import { checkLimits, GRAPHQL_LIMITS, isRefusal, operationOf, parseOperation, paymentMutations, type GraphQLLimits, type GraphQLRefusal } from './graphql-limits';
import { checkRateLimits, limitsOf, type RateLimitDefaults, type RateLimitExceeded } from './rate-limit';
import type { FailOpenRateLimiter } from './rate-limiter';
import type { Caller } from './route-table';

const refused = new Counter({
  name: 'paygate_graphql_refused_total',
  help: 'POST /graphql requests the edge refused before the gateway, by the limit they broke',
  labelNames: ['code'] as const,
  registers: [registry],
});

export interface GraphQLDoorDependencies {
  graph: GraphClient;
  limiter: FailOpenRateLimiter;
  rateLimits: RateLimitDefaults;
  /** Mutation fields that create a payment: each one selected counts against the key's payment limit. */
  paymentFields: ReadonlySet<string>;
  bodyLimitBytes: number;
  limits?: GraphQLLimits;
}

/** A refusal as GraphQL clients read errors: `errors[0].message` names the limit, `extensions.code` is stable. */
function sendRefusal(res: Response, refusal: GraphQLRefusal): void {
  refused.inc({ code: refusal.code });
  res.status(refusal.status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
}

/** A rate-limit refusal at /graphql (the middleware's or the door's own), as a GraphQL error with HTTP 429. */
export function graphqlRateLimitReply(res: Response, over: RateLimitExceeded): void {
  sendRefusal(res, { status: 429, code: 'RATE_LIMITED', message: over.message });
}

async function jsonBody(req: Request, limitBytes: number): Promise<unknown> {
  let text: string;
  try {
    text = (await readBody(req, limitBytes)).toString('utf8');
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { status: 413, code: 'BODY_TOO_LARGE', message: `Request body limit of ${limitBytes} bytes exceeded.` } satisfies GraphQLRefusal;
    throw err;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'The body is not valid JSON.' } satisfies GraphQLRefusal;
  }
}

/**
 * POST /graphql: internal teams query the graph through the edge, scoped to their key's account.
 * One operation per request within the body cap, the token, depth, alias, field and cost limits
 * (graphql-limits.ts), and its payment mutations within the key's payment limit (the request itself
 * was counted by the rate-limit middleware) — all before the gateway sees it. Introspection is on.
 */
export function graphqlDoor(deps: GraphQLDoorDependencies) {
  const limits = deps.limits ?? GRAPHQL_LIMITS;
  const schemaFor = gatewaySchema(deps.graph);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = res.locals.caller as Caller;
      if (caller.keyType !== 'secret') throw new PaygateError('permission_denied', PUBLISHABLE_KEY_FORBIDDEN);
      const body = await jsonBody(req, deps.bodyLimitBytes);
      const operation = isRefusal(body) ? body : operationOf(body);
      if (isRefusal(operation)) return sendRefusal(res, operation);
      const document = parseOperation(operation.query, limits);
      if (isRefusal(document)) return sendRefusal(res, document);
      const overLimit = checkLimits(await schemaFor(caller), document, operation, limits);
      if (overLimit) return sendRefusal(res, overLimit);
      const payments = paymentMutations(document, deps.paymentFields);
      if (payments > 0) {
        const owner = res.locals.keyOwner as KeyOwner;
        const overRate = await checkRateLimits(deps.limiter, owner, limitsOf(owner, deps.rateLimits), { requests: 0, payments });
        if (overRate) {
          res.set('Retry-After', String(overRate.retryAfterSeconds));
          return graphqlRateLimitReply(res, overRate);
        }
      }
      const forwarded = await deps.graph.forward(operation, caller);
      res.status(forwarded.status).type('application/json').send(forwarded.body);
    } catch (err) {
      next(err);
    }
  };
}
