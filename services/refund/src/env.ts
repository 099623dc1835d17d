import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service: the subgraph variables (port 4105) and the graph's address. */
export const refundEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4105),
  /** The federated graph: the charge is read, the balance debited and an authorization released through it. */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
});
export type RefundEnv = z.infer<typeof refundEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): RefundEnv {
  return parseEnv(refundEnvSchema, source);
}
