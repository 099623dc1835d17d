import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const balanceEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4106) });
export type BalanceEnv = z.infer<typeof balanceEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): BalanceEnv {
  return parseEnv(balanceEnvSchema, source);
}
