import { parseEnv } from '@paygate/chassis';
import { z } from 'zod';

/** The Stripe API version the edge's objects follow: Stripe-Version when a request names none, and the OpenAPI document's version. */
export const DEFAULT_STRIPE_API_VERSION = '2023-08-16';

/** `VAR=` (empty) is the same as unset. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/** The only reader of process.env in the edge. */
export const edgeEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  PAYGATE_CONTEXT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Largest request body accepted, in bytes (Stripe's own limit is far above what its params need). */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Prometheus metrics are served on their own port, never on the public one. 0 picks a free port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(4090),
  METRICS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Rate-limit counters (src/http/rate-limit.ts). Unreachable, the edge serves without limits (fail open). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  /** Every counter key starts with this: two stacks on one Redis never share counters. */
  PAYGATE_RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('paygate:rl'),
  /** Requests a minute per API key, and of those the payment-creating ones; an account's own columns override them. */
  PAYGATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1000),
  PAYGATE_PAYMENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(100),
  /** The API version answered in Stripe-Version when a request names none: the version our objects follow. */
  PAYGATE_STRIPE_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/, 'must look like 2023-08-16 or 2026-10-28.endive').default(DEFAULT_STRIPE_API_VERSION),
  /** Largest POST /graphql body: a query plus its variables needs far less than a form of params. */
  GRAPHQL_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  // HTTPS (HTTP/2 with HTTP/1.1 fallback, src/http/tls.ts): on when TLS_PORT is set, which needs both
  // PEM files; unset, the edge serves plain HTTP only. 0 picks a free port.
  TLS_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).optional()),
  PAYGATE_TLS_CERT_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  PAYGATE_TLS_KEY_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
}).superRefine((env, ctx) => {
  const given = [env.TLS_PORT !== undefined, !!env.PAYGATE_TLS_CERT_FILE, !!env.PAYGATE_TLS_KEY_FILE];
  if (given.some(Boolean) && !given.every(Boolean)) {
    ctx.addIssue({ code: 'custom', path: ['TLS_PORT'], message: 'TLS_PORT, PAYGATE_TLS_CERT_FILE and PAYGATE_TLS_KEY_FILE go together: set all three, or none' });
  }
});
export type EdgeEnv = z.infer<typeof edgeEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): EdgeEnv {
  return parseEnv(edgeEnvSchema, source);
}
