import { MAXIMUM_AMOUNT, PaygateError } from '@paygate/chassis';
import { z } from 'zod';

/**
 * Zod schemas for Stripe form params (every value arrives as a string, an array or a nested object
 * from qs), and the one translation of a validation failure into Stripe's error.
 */
const INTEGER = 'parameter_invalid_integer';
const BOOLEAN = 'parameter_invalid_boolean';
const AMOUNT_TOO_LARGE = 'amount_too_large';
/** Card numbers and CVCs: a problem with one is reported without ever echoing the value. */
const SENSITIVE = 'sensitive_string';

/** GraphQL's Int is 32-bit: a larger integer would fail inside the graph as a 500. */
export const MAX_GRAPHQL_INT = 2_147_483_647;

/**
 * What a param is on the wire where zod's own JSON Schema cannot say it (a custom check, or a string
 * enum that stands for a boolean): the OpenAPI document (openapi.ts) uses this instead. No effect on
 * validation.
 */
export const wireSchemas = z.registry<{ jsonSchema: Record<string, unknown> }>();

function wire<S extends z.ZodType>(schema: S, jsonSchema: Record<string, unknown>): S {
  wireSchemas.add(schema, { jsonSchema });
  return schema;
}

const integer = () =>
  wire(
    z
      .custom<string>((v) => typeof v === 'string' && /^-?\d{1,15}$/.test(v), { message: INTEGER })
      .transform(Number)
      .refine((n) => Math.abs(n) <= MAX_GRAPHQL_INT, { message: INTEGER }),
    { type: 'integer', minimum: -MAX_GRAPHQL_INT, maximum: MAX_GRAPHQL_INT },
  );

export const form = {
  /** A string; '' is kept (callers that treat '' as "unset" use nullableString). */
  string: () => z.string(),
  /** '' means "unset this field" on update and "not given" on create, as in Stripe. */
  nullableString: () => z.string().transform((v) => (v === '' ? null : v)),
  integer,
  /** A card number or CVC: validated as a string here, checked in the vault, never echoed. */
  cardNumber: () => wire(z.custom<string>((v) => typeof v === 'string', { message: SENSITIVE }), { type: 'string' }),
  /** An amount in minor units: above Stripe's 99,999,999 is amount_too_large, not an overflow. */
  amount: () =>
    wire(
      z
        .custom<string>((v) => typeof v === 'string' && /^-?\d{1,15}$/.test(v), { message: INTEGER })
        .transform(Number)
        .refine((n) => n <= MAXIMUM_AMOUNT, { message: AMOUNT_TOO_LARGE }),
      { type: 'integer', maximum: MAXIMUM_AMOUNT },
    ),
  /** Stripe's `created[gt|gte|lt|lte]` filter (or a plain `created=<unix>`). */
  range: () =>
    z.union([
      integer().transform((n) => ({ gte: n, lte: n })),
      z.strictObject({ gt: integer().optional(), gte: integer().optional(), lt: integer().optional(), lte: integer().optional() }),
    ]),
  boolean: () => wire(z.enum(['true', 'false'], BOOLEAN).transform((v) => v === 'true'), { type: 'boolean' }),
  /** `metadata[k]=v`; `metadata=` (empty) clears every key. */
  metadata: () => z.preprocess((v) => (v === '' ? null : v), z.record(z.string(), z.string()).nullable()),
  /** `expand[]=a&expand[]=b` (qs also yields a lone string for `expand=a`). */
  expand: () => z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()).max(20)),
  list: () => ({
    limit: form.integer().optional(),
    starting_after: z.string().optional(),
    ending_before: z.string().optional(),
    expand: form.expand().optional(),
  }),
};

/** ['metadata', 'k'] → 'metadata[k]'; ['items', 0, 'price'] → 'items[0][price]'. */
export function formatParam(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

function describe(input: unknown): string {
  if (typeof input === 'string') return input;
  return JSON.stringify(input) ?? String(input);
}

export function paramError(issue: z.core.$ZodIssue): PaygateError {
  const param = formatParam(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const unknown = formatParam([...issue.path, issue.keys[0] ?? '']);
    return new PaygateError('parameter_unknown', `Received unknown parameter: ${unknown}`, { param: unknown });
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && (issue.code === 'invalid_type' || issue.message === INTEGER)) {
    return new PaygateError('parameter_missing', `Missing required param: ${param}.`, { param });
  }
  if (issue.message === SENSITIVE) {
    if (input === undefined) return new PaygateError('parameter_missing', `Missing required param: ${param}.`, { param });
    return new PaygateError('parameter_invalid_string', `Invalid string for ${param}.`, { param });
  }
  if (issue.message === AMOUNT_TOO_LARGE) {
    return new PaygateError('amount_too_large', 'Amount must be no more than $999,999.99', { param });
  }
  if (issue.message === INTEGER) {
    return new PaygateError('parameter_invalid_integer', `Invalid integer: ${describe(input)}`, { param });
  }
  if (issue.message === BOOLEAN) {
    return new PaygateError('invalid_request', `Invalid boolean: ${describe(input)}`, { param });
  }
  if (issue.code === 'invalid_type' && (issue.expected === 'record' || issue.expected === 'object')) {
    return new PaygateError('invalid_request', 'Invalid object', { param });
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return new PaygateError('invalid_request', 'Invalid array', { param });
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string') {
    return new PaygateError('parameter_invalid_string', `Invalid string: ${describe(input)}`, { param });
  }
  if (issue.code === 'invalid_value') {
    return new PaygateError('invalid_request', `Invalid ${param}: must be one of ${issue.values.join(', ')}`, { param });
  }
  if (issue.code === 'too_big') {
    return new PaygateError('invalid_request', `Invalid ${param}: too many values`, { param });
  }
  return new PaygateError('invalid_request', `Invalid ${param}: ${issue.message}`, { param });
}

/** Validate decoded params; the first problem becomes Stripe's error, with its param. */
export function parseParams<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw paramError(result.error.issues[0]!);
}
