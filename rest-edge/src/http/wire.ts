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
