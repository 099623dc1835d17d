import { PaygateError, type Logger } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { IdempotencyStore } from '../db/idempotency';
import type { GraphClient } from '../graph-client';
import { PUBLISHABLE_KEY_FORBIDDEN } from './auth';
import { checkIdempotencyKey, claimError, requestHash } from './idempotency';
import { parseParams } from './params';
import { stripeErrorResponse } from './stripe-errors';

export interface Caller {
  account: string;
  keyType: 'secret' | 'publishable';
  requestId: string;
}

/** One REST route: Stripe params in, one GraphQL operation, Stripe object out. No business logic. */
export interface RestRoute<S extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Express path, e.g. /v1/customers/:id */
  path: string;
  params: S;
  /** Publishable keys may call it (tokens, payment methods); everything else needs a secret key. */
  publishable?: boolean;
  operation: (params: z.infer<S>, path: Record<string, string>) => { query: string; variables: Record<string, unknown> };
  render: (data: any, params: z.infer<S>, path: Record<string, string>) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Keeps S inferred per route while the table holds them all. */
export function route<S extends z.ZodType>(definition: RestRoute<S>): RestRoute {
  return definition as unknown as RestRoute;
}

export interface RouteDependencies {
  graph: GraphClient;
  idempotency: IdempotencyStore;
  logger: Logger;
}

/**
 * Mount the declarative table: every route does the same steps. A POST with an Idempotency-Key
 * runs at most once per account and key: its outcome (success, card error or 500) is stored once
 * execution begins and replayed with `Idempotent-Replayed: true`; requests that fail validation are
 * not stored; the same key with other params, or while the first is running, is refused.
 */
export function mountRoutes(app: Express, routes: readonly RestRoute[], deps: RouteDependencies): void {
  for (const r of routes) {
    app[r.method](r.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const caller = res.locals.caller as Caller;
        if (caller.keyType === 'publishable' && !r.publishable) throw new PaygateError('permission_denied', PUBLISHABLE_KEY_FORBIDDEN);
        const pathParams = req.params as Record<string, string>;
        for (const [name, value] of Object.entries(pathParams)) {
          if (/[\u0000-\u001f]/.test(value)) throw new PaygateError('invalid_request', `Invalid ${name}: it contains control characters.`, { param: name });
        }
        const params = parseParams(r.params, res.locals.params ?? {});
        const execute = async (): Promise<{ status: number; body: unknown }> => {
          const { query, variables } = r.operation(params, pathParams);
          const data = await deps.graph.execute(query, variables, caller);
          return { status: 200, body: r.render(data, params, pathParams) };
        };
        const key = r.method === 'post' ? req.header('idempotency-key') : undefined;
        if (key === undefined) {
          const { status, body } = await execute();
          res.status(status).json(body);
          return;
        }
        checkIdempotencyKey(key);
        const claim = await deps.idempotency.claim(caller.account, key, requestHash(req.method, req.path, res.locals.params ?? {}), caller.requestId);
        if (claim.outcome === 'mismatch' || claim.outcome === 'in_progress') throw claimError(claim, key);
        if (claim.outcome === 'replay') {
          res.set({ 'Idempotent-Replayed': 'true', 'Original-Request': claim.response.requestId });
          res.status(claim.response.status).type('application/json').send(claim.response.body);
          return;
        }
        let outcome: { status: number; body: unknown };
        try {
          outcome = await execute();
        } catch (err) {
          outcome = stripeErrorResponse(err, deps.logger, { requestId: caller.requestId, method: req.method, path: req.path });
        }
        const body = JSON.stringify(outcome.body);
        await deps.idempotency.complete(claim.recordId, outcome.status, body);
        res.status(outcome.status).type('application/json').send(body);
      } catch (err) {
        next(err);
      }
    });
  }
}

/** Stripe's list envelope. */
export function listObject<T>(url: string, page: { data: unknown[]; hasMore: boolean }, render: (node: any) => T) {
  return { object: 'list' as const, data: page.data.map(render), has_more: page.hasMore, url };
}

/** The GraphQL arguments of a Stripe list request. */
export function listArguments(params: { limit?: number; starting_after?: string; ending_before?: string }) {
  return { limit: params.limit ?? null, startingAfter: params.starting_after ?? null, endingBefore: params.ending_before ?? null };
}

/** Params without `expand` (it shapes the selection, it is not an input). */
export function withoutExpand<T extends { expand?: unknown }>(params: T): Omit<T, 'expand'> {
  const { expand, ...rest } = params;
  void expand;
  return rest;
}

/**
 * `expand[]` → which expandable fields to select in full. Unknown paths get Stripe's error.
 * `prefix` is 'data.' on lists (Stripe expands list items with that prefix).
 */
export function expansions(expand: readonly string[] | undefined, allowed: readonly string[], prefix = ''): Set<string> {
  const chosen = new Set<string>();
  for (const path of expand ?? []) {
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (!allowed.includes(field)) {
      throw new PaygateError('invalid_request', `This property cannot be expanded (${path}).`, { param: 'expand' });
    }
    chosen.add(field);
  }
  return chosen;
}
