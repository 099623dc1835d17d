/**
 * Stripe snake_case ↔ GraphQL camelCase. Metadata is the merchant's own data: its keys are never
 * rewritten, in either direction.
 */
const OPAQUE_KEYS = new Set(['metadata']);

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function convert(value: unknown, rename: (k: string) => string, opaqueKeys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, rename, opaqueKeys));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const renamed = rename(key);
    out[renamed] = opaqueKeys.has(key) || opaqueKeys.has(renamed) ? inner : convert(inner, rename, opaqueKeys);
  }
  return out;
}

/** Form params → GraphQL input. */
export function toGraphQLInput<T = Record<string, unknown>>(params: Record<string, unknown>): T {
  return convert(params, snakeToCamel, OPAQUE_KEYS) as T;
}

/** GraphQL node → Stripe JSON (without the resource's own extras). */
export function toStripeShape<T = Record<string, unknown>>(node: unknown): T {
  return convert(node, camelToSnake, OPAQUE_KEYS) as T;
}

/** Form params → a GraphQL input, without the params that shape the request rather than the object. */
export function inputOf<T = Record<string, unknown>>(params: Record<string, unknown>, omit: readonly string[] = []): T {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (key !== 'expand' && !omit.includes(key)) rest[key] = value;
  return toGraphQLInput<T>(rest);
}

/** `created[gt]=…` → { createdGt: … } in a list filter. */
export function createdFilter(created: { gt?: number; gte?: number; lt?: number; lte?: number } | undefined) {
  if (!created) return {};
  return { createdGt: created.gt ?? null, createdGte: created.gte ?? null, createdLt: created.lt ?? null, createdLte: created.lte ?? null };
}

/** The GraphQL arguments of a Stripe list request. */
export function listArguments(params: { limit?: number; starting_after?: string; ending_before?: string }) {
  return { limit: params.limit ?? null, startingAfter: params.starting_after ?? null, endingBefore: params.ending_before ?? null };
}

/** The GraphQL argument types of a list field. */
export const LIST_ARGS = { limit: 'Int', startingAfter: 'ID', endingBefore: 'ID' } as const;
