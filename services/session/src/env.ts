import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service: the subgraph variables (port 4102), the graph and the edge's address. */
export const sessionEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4102),
  /** The federated graph: customers are checked and created, intents created and confirmed, through it. */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The edge's public address: a session's `url` is its hosted page there (/c/pay/:id). */
  PAYGATE_PUBLIC_URL: z.url().default('http://127.0.0.1:4000'),
  /** How often open sessions past expires_at are expired (one indexed query when none is due). */
  CHECKOUT_SESSION_EXPIRY_SWEEP_MS: z.coerce.number().int().min(50).default(5_000),
});
export type SessionEnv = z.infer<typeof sessionEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): SessionEnv {
  return parseEnv(sessionEnvSchema, source);
}
