import { claimIdempotentEffect } from '@paygate/chassis';
import type { RefundTx } from '../db/client';

/**
 * Runs `create` (which must make the object `objectId`) unless this Idempotency-Key already made an
 * object for this operation: then `retrieve`s that one and creates nothing. Call it inside the
 * transaction of the effect, before any write. (The charge service has the same few lines: a chassis
 * `idempotently` beside claimIdempotentEffect would serve both.)
 */
export async function idempotently<T>(
  tx: RefundTx,
  claim: { account: string; key: string | null; operation: string; objectId: string },
  retrieve: (existingId: string) => Promise<T>,
  create: () => Promise<T>,
): Promise<T> {
  if (claim.key) {
    const existing = await claimIdempotentEffect(tx, { account: claim.account, key: claim.key, operation: claim.operation, objectId: claim.objectId });
    if (existing) return retrieve(existing);
  }
  return create();
}
