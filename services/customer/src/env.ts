import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service: the subgraph variables, port 4101 by default. */
export const customerEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4101),
  /** The federated graph, for the one cross-service read: a default payment method's owner. */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
});
export type CustomerEnv = z.infer<typeof customerEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): CustomerEnv {
  return parseEnv(customerEnvSchema, source);
}
