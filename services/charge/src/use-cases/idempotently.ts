import type { ChargeTx } from '../db/client';
import { claimEffect } from '../db/idempotent-effects';

/**
 * Runs `create` (which must make the object `objectId`) unless this Idempotency-Key already made an
 * object for this operation: then `retrieve`s that one instead and creates nothing. Call it inside the
 * transaction of the effect, before any write.
 */
export async function idempotently<T>(
  tx: ChargeTx,
  claim: { account: string; key: string | null; operation: string; objectId: string },
  retrieve: (existingId: string) => Promise<T>,
  create: () => Promise<T>,
): Promise<T> {
  if (claim.key) {
    const existing = await claimEffect(tx, claim.account, claim.key, claim.operation, claim.objectId);
    if (existing) return retrieve(existing);
  }
  return create();
}
