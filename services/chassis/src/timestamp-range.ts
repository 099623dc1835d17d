import { PaygateError } from './errors';

/**
 * Stripe's `created[gt|gte|lt|lte]` (and `arrival_date[…]`) list filters, as the graph passes them:
 * `input TimestampRange { gt: Int, gte: Int, lt: Int, lte: Int }` in each subgraph that lists by time.
 */
export interface TimestampRange {
  gt?: number | null;
  gte?: number | null;
  lt?: number | null;
  lte?: number | null;
}

export type PrismaIntRange = { gt?: number; gte?: number; lt?: number; lte?: number };

/** The Prisma range for `range` (`param` names it in errors, e.g. 'created'), or undefined when it sets none. */
export function timestampRange(range: TimestampRange | null | undefined, param: string): PrismaIntRange | undefined {
  if (!range) return undefined;
  const out: PrismaIntRange = {};
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const value = range[op];
    if (value === null || value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) throw new PaygateError('parameter_invalid_integer', 'Invalid non-negative integer', { param: `${param}[${op}]` });
    out[op] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
