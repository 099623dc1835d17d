import { PaygateError, type KeyType, type Logger, type StripeErrorBody } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { IdempotencyStore } from '../db/idempotency';
import type { GraphClient } from '@paygate/chassis';
import { paymentIntentObject } from '../objects/payment-intent';
import { paymentMethodObject } from '../objects/payment-method';
import { parseExpand, renderObject, selectionOf, type ExpandTree, type StripeObject } from '../objects/stripe-object';
import { PUBLISHABLE_KEY_FORBIDDEN } from './auth';
import { checkIdempotencyKey, claimError, requestHash } from './idempotency';
import { parseParams } from './params';
import { stripeErrorResponse } from './stripe-errors';

export interface Caller {
  account: string;
  keyType: KeyType;
  requestId: string;
  idempotencyKey?: string;
}

/** The graph field a route calls: `field(arg: $arg …)`, with each argument's GraphQL type. */
export interface GraphOperation<P> {
  kind: 'query' | 'mutation';
  field: string;
  args?: Readonly<Record<string, string>>;
  variables?: (params: P, path: Record<string, string>) => Record<string, unknown>;
}

/**
 * One REST route: method, path, params schema, the graph operation and the Stripe object module it
 * returns. The selection, `expand[]`, list/search envelopes and rendering are the same for every
 * route, so a route has no code of its own.
 */
export interface RestRoute<S extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Express path, e.g. /v1/customers/:id */
  path: string;
  params: S;
  /**
   * Publishable keys may call it: `true` (tokens, payment methods), or `'client_secret'` (an intent,
   * only together with its client secret, as Stripe.js does). Everything else needs a secret key.
   */
  publishable?: true | 'client_secret';
  object: StripeObject<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** object (default), list (`{object:'list'}`) or search (`{object:'search_result'}`). */
  shape?: 'object' | 'list' | 'search';
  operation: GraphOperation<z.infer<S>>;
}

/** What the OpenAPI document (openapi.ts) needs of a route: the table's routes and the few mounted by hand (the account). */
export type DescribedRoute = Pick<RestRoute, 'method' | 'path' | 'params' | 'publishable' | 'object' | 'shape'>;

/** Keeps S inferred per route while the table holds them all. */
export function route<S extends z.ZodType>(definition: RestRoute<S>): RestRoute {
  return definition as unknown as RestRoute;
}

/** The GraphQL document a route sends for `tree` (also what the unit test validates against the supergraph). */
export function buildDocument(r: RestRoute, tree: ExpandTree): string {
  const args = Object.entries(r.operation.args ?? {});
  const declarations = args.length ? `(${args.map(([name, type]) => `$${name}: ${type}`).join(', ')})` : '';
  const call = args.length ? `(${args.map(([name]) => `${name}: $${name}`).join(', ')})` : '';
  const selection = selectionOf(r.object, tree);
  const body = r.shape === 'list' ? `hasMore data { ${selection} }` : r.shape === 'search' ? `hasMore nextPage data { ${selection} }` : selection;
  return `${r.operation.kind}${declarations} { ${r.operation.field}${call} { ${body} } }`;
}

/** Graph result → Stripe JSON, with Stripe's list and search envelopes. */
export function renderResult(r: RestRoute, result: unknown, tree: ExpandTree, url: string): unknown {
  const render = (node: unknown) => renderObject(r.object, node, tree);
  if (r.shape === 'list') {
    const page = result as { data: unknown[]; hasMore: boolean };
    return { object: 'list', data: page.data.map(render), has_more: page.hasMore, url };
  }
  if (r.shape === 'search') {
    const page = result as { data: unknown[]; hasMore: boolean; nextPage: string | null };
    return { object: 'search_result', data: page.data.map(render), has_more: page.hasMore, next_page: page.nextPage, url };
  }
  return render(result);
}

/** Each path segment: static (0) sorts before :param (1), so /v1/charges/search wins over /v1/charges/:id. */
function specificity(path: string): number[] {
  return path.split('/').map((segment) => (segment.startsWith(':') ? 1 : 0));
}

export function orderRoutes(routes: readonly RestRoute[]): RestRoute[] {
  return [...routes].sort((a, b) => {
    const sa = specificity(a.path);
    const sb = specificity(b.path);
    for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
    return 0;
  });
}

export interface RouteDependencies {
  graph: GraphClient;
  idempotency: IdempotencyStore;
  logger: Logger;
}

interface Outcome {
  status: number;
  body: unknown;
}

/** Stripe keeps an idempotent outcome once execution began: successes and card declines; not validation errors or 5xx. */
function storable(outcome: Outcome): boolean {
  return outcome.status < 400 || outcome.status === 402;
}

/**
 * Mount the declarative table: every route does the same steps. A POST with an Idempotency-Key
 * runs at most once per account and key: the key travels to the subgraph, which records it with the
 * effect; the edge stores successes and card errors and replays them with `Idempotent-Replayed: true`.
 * Validation failures and server errors are not stored (a retry runs again and the subgraph returns
 * the effect it already made); the same key with other params, or while the first runs, is refused.
 */
export function mountRoutes(app: Express, routes: readonly RestRoute[], deps: RouteDependencies): void {
  /** Stripe puts the intent (and payment method) an error is about into the error object. */
  const withErrorObjects = async (outcome: Outcome, err: unknown, caller: Caller): Promise<Outcome> => {
    if (!(err instanceof PaygateError)) return outcome;
    const error = (outcome.body as StripeErrorBody).error as StripeErrorBody['error'] & Record<string, unknown>;
    const attach = async (property: string, object: StripeObject<unknown>, field: string, id: string | undefined) => {
      if (!id) return;
      try {
        const data = await deps.graph.execute<Record<string, unknown>>(`query($id: ID!) { ${field}(id: $id) { ${selectionOf(object)} } }`, { id }, { ...caller, keyType: 'secret' });
        error[property] = renderObject(object, data[field]);
      } catch (lookup) {
        deps.logger.warn({ err: lookup, request_id: caller.requestId, account: caller.account }, `could not render ${property} into an error`);
      }
    };
    await attach('payment_intent', paymentIntentObject, 'paymentIntent', err.details.paymentIntent);
    await attach('payment_method', paymentMethodObject, 'paymentMethod', err.details.paymentMethod);
    return outcome;
  };

  for (const r of orderRoutes(routes)) {
    app[r.method](r.path, async (req: Request, res: Response, next: NextFunction) => {
      const caller: Caller = { ...(res.locals.caller as Caller) };
      try {
        const pathParams = req.params as Record<string, string>;
        for (const [name, value] of Object.entries(pathParams)) {
          if (/[\u0000-\u001f]/.test(value)) throw new PaygateError('invalid_request', `Invalid ${name}: it contains control characters.`, { param: name });
        }
        const params = parseParams(r.params, res.locals.params ?? {}) as Record<string, unknown>;
        if (caller.keyType === 'publishable') {
          const allowed = r.publishable === true || (r.publishable === 'client_secret' && typeof params.client_secret === 'string');
          if (!allowed) throw new PaygateError('permission_denied', PUBLISHABLE_KEY_FORBIDDEN);
        }
        const tree = parseExpand(r.object, params.expand as string[] | undefined, r.shape === 'list' || r.shape === 'search');
        const execute = async (): Promise<Outcome> => {
          const result = await deps.graph.execute<Record<string, unknown>>(buildDocument(r, tree), r.operation.variables?.(params, pathParams) ?? {}, caller);
          return { status: 200, body: renderResult(r, result[r.operation.field], tree, req.path) };
        };
        const key = r.method === 'post' ? req.header('idempotency-key') : undefined;
        if (key === undefined) {
          try {
            const { status, body } = await execute();
            res.status(status).json(body);
          } catch (err) {
            const outcome = await withErrorObjects(stripeErrorResponse(err, deps.logger, { request_id: caller.requestId, account: caller.account, method: req.method, path: req.path }), err, caller);
            res.status(outcome.status).json(outcome.body);
          }
          return;
        }
        checkIdempotencyKey(key);
        caller.idempotencyKey = key;
        const claim = await deps.idempotency.claim(caller.account, key, requestHash(req.method, req.path, res.locals.params ?? {}), caller.requestId);
        if (claim.outcome === 'mismatch' || claim.outcome === 'in_progress') throw claimError(claim, key);
        if (claim.outcome === 'replay') {
          res.set({ 'Idempotent-Replayed': 'true', 'Original-Request': claim.response.requestId });
          res.status(claim.response.status).type('application/json').send(claim.response.body);
          return;
        }
        let outcome: Outcome;
        try {
          outcome = await execute();
        } catch (err) {
          outcome = await withErrorObjects(stripeErrorResponse(err, deps.logger, { request_id: caller.requestId, account: caller.account, method: req.method, path: req.path }), err, caller);
        }
        const body = JSON.stringify(outcome.body);
        if (storable(outcome)) await deps.idempotency.complete(claim.recordId, outcome.status, body);
        else await deps.idempotency.release(claim.recordId);
        res.status(outcome.status).type('application/json').send(body);
      } catch (err) {
        next(err);
      }
    });
  }
}
