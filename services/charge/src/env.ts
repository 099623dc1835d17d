import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** The only reader of process.env in this service. */
export const chargeEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4104),
  /** Key of the card fingerprint HMAC: the same card has the same fingerprint within a deployment. */
  PAYGATE_CARD_FINGERPRINT_KEY: z.string().min(32, 'must be at least 32 characters'),
  /** Shown as calculated_statement_descriptor when a charge sets none. */
  STATEMENT_DESCRIPTOR: z.string().max(22).default('PAYGATE'),
});
export type ChargeEnv = z.infer<typeof chargeEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): ChargeEnv {
  return parseEnv(chargeEnvSchema, source);
}
