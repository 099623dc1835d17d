import { createHmac } from 'node:crypto';
import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';

/** Where a test may make the process die (SIGKILL) in the middle of creating a payout: see src/use-cases/crash-point.ts. */
export const CRASH_POINTS = ['after_reservation_row', 'after_debit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The only reader of process.env in this service. */
export const payoutEnvSchema = z
  .object({
    ...subgraphEnvShape,
    PORT: subgraphEnvShape.PORT.default(4107),
    /** The federated graph: payouts reserve their funds on the balance service through it (debitBalance). */
    GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
    /** Key of the bank account fingerprint HMAC; default: derived from PAYGATE_CONTEXT_SECRET (HMAC with a fixed label). */
    PAYGATE_BANK_FINGERPRINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How often reservations left unfinished (a crashed request) are finished. */
    PAYOUT_RESERVATION_SWEEP_MS: z.coerce.number().int().min(50).default(10_000),
    /** How often payouts are moved along their schedule (src/domain/payout-schedule.ts). */
    PAYOUT_ADVANCE_EVERY_MS: z.coerce.number().int().min(50).default(60_000),
    /** Test-only: die at this step of a payout creation (integration test of the crash protocol). Never set it elsewhere. */
    PAYGATE_TEST_CRASH_AT: z.enum(CRASH_POINTS).optional(),
  })
  .transform(({ PAYGATE_BANK_FINGERPRINT_KEY, ...env }) => ({
    ...env,
    bankFingerprintKey: PAYGATE_BANK_FINGERPRINT_KEY ?? createHmac('sha256', env.PAYGATE_CONTEXT_SECRET).update('paygate bank account fingerprint v1').digest('base64url'),
  }));
export type PayoutEnv = z.infer<typeof payoutEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): PayoutEnv {
  return parseEnv(payoutEnvSchema, source);
}
