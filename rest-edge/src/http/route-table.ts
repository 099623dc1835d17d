import { PaygateError } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { GraphClient } from '../graph-client';
import { PUBLISHABLE_KEY_FORBIDDEN } from './auth';
import { parseParams } from './params';

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

/** Mount the declarative table: every route does the same five steps. */
export function mountRoutes(app: Express, routes: readonly RestRoute[], graph: GraphClient): void {
  for (const r of routes) {
    app[r.method](r.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const caller = res.locals.caller as Caller;
        if (caller.keyType === 'publishable' && !r.publishable) throw new PaygateError('permission_denied', PUBLISHABLE_KEY_FORBIDDEN);
        const pathParams = req.params as Record<string, string>;
        const params = parseParams(r.params, res.locals.params ?? {});
        const { query, variables } = r.operation(params, pathParams);
        const data = await graph.execute(query, variables, caller);
        res.json(r.render(data, params, pathParams));
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
