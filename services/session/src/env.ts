import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const sessionEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4102) });
export type SessionEnv = z.infer<typeof sessionEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): SessionEnv {
  return parseEnv(sessionEnvSchema, source);
}
