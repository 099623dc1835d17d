import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const payoutEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4107) });
export type PayoutEnv = z.infer<typeof payoutEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): PayoutEnv {
  return parseEnv(payoutEnvSchema, source);
}
