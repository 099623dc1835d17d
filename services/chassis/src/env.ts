import { z } from 'zod';

/**
 * Parse the environment once, at boot, and fail fast listing every problem.
 * Services call this from their own env.ts — the only reader of process.env there.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${problems.join('\n')}`);
}

/** The variables every subgraph reads. */
export const subgraphEnvShape = {
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  KAFKA_BROKERS: z.string().min(1).transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  PAYGATE_CONTEXT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export const subgraphEnvSchema = z.object(subgraphEnvShape);
export type SubgraphEnv = z.infer<typeof subgraphEnvSchema>;

/** A subgraph's environment, with the service's own default port. */
export function loadSubgraphEnv(defaultPort: number, source: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  return parseEnv(subgraphEnvSchema.extend({ PORT: subgraphEnvShape.PORT.default(defaultPort) }), source);
}
