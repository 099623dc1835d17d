import { pruneIdempotentEffects } from '@paygate/chassis';
import { deleteRefusedPayouts } from '../db/payouts';
import type { PayoutDeps } from './deps';

/** Refused reservations are kept a day (for a person looking into a 400), then deleted. */
export const REFUSED_PAYOUT_RETENTION_SECONDS = 86_400;

/** Periodic: deletes refused reservations past their retention and Idempotency-Keys past the edge's 24 h. */
export async function pruneExpiredRecords(deps: PayoutDeps): Promise<{ refused: number; keys: number }> {
  const refused = await deleteRefusedPayouts(deps.prisma, deps.clock() - REFUSED_PAYOUT_RETENTION_SECONDS);
  const keys = await pruneIdempotentEffects(deps.prisma);
  return { refused, keys };
}
