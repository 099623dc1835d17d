import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const refundEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4105) });
export type RefundEnv = z.infer<typeof refundEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): RefundEnv {
  return parseEnv(refundEnvSchema, source);
}
