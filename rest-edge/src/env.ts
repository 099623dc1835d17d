import { parseEnv } from '@paygate/chassis';
import { z } from 'zod';

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
});
export type EdgeEnv = z.infer<typeof edgeEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): EdgeEnv {
  return parseEnv(edgeEnvSchema, source);
}
