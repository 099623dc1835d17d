import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const customerEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4101) });
export type CustomerEnv = z.infer<typeof customerEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): CustomerEnv {
  return parseEnv(customerEnvSchema, source);
}
