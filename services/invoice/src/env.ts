import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service: the subgraph variables (port 4103), the graph and the edge's public URL. */
export const invoiceEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4103),
  /** The federated graph: the customer (balance, prefix, default payment method) and the charge service (PaymentIntents) are reached through it. */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The edge's public address: hosted_invoice_url points at its hosted invoice page. */
  PAYGATE_PUBLIC_URL: z.url().default('http://127.0.0.1:4000'),
  /** How long after creation an auto_advance draft is finalized (Stripe: about an hour). */
  INVOICE_AUTO_ADVANCE_DELAY_SECONDS: z.coerce.number().int().min(0).default(3_600),
  /** How often the sweeper looks for due drafts and unfinished payments (one indexed query when idle). */
  INVOICE_SWEEP_EVERY_MS: z.coerce.number().int().min(1_000).default(5_000),
});
export type InvoiceEnv = z.infer<typeof invoiceEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): InvoiceEnv {
  return parseEnv(invoiceEnvSchema, source);
}
