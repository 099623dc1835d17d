import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const invoiceEnvSchema = z.object({ ...subgraphEnvShape, PORT: subgraphEnvShape.PORT.default(4103) });
export type InvoiceEnv = z.infer<typeof invoiceEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): InvoiceEnv {
  return parseEnv(invoiceEnvSchema, source);
}
