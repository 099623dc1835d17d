import { PaygateError } from '@paygate/chassis';
import type { ChargeTx } from './client';

/**
 * Idempotency end to end: the merchant's Idempotency-Key is recorded in the same transaction as the
 * effect, so a retry the edge could not answer from its own records (after a crash, a timeout, a 500)
 * finds the object the first attempt made. Claim first, inside the transaction that creates `objectId`:
 * a concurrent claim of the same key waits on the primary key until this transaction ends.
 *
 * Returns null when this call claimed the key (go on and create `objectId`), or the id of the object
 * an earlier call created with this key (return that object, create nothing).
 */
export async function claimEffect(tx: ChargeTx, account: string, key: string, operation: string, objectId: string): Promise<string | null> {
  const inserted = await tx.$executeRaw`
    INSERT INTO idempotent_effects (account, key, operation, object_id) VALUES (${account}, ${key}, ${operation}, ${objectId})
    ON CONFLICT (account, key) DO NOTHING`;
  if (inserted === 1) return null;
  const existing = await tx.idempotentEffect.findUniqueOrThrow({ where: { account_key: { account, key } } });
  if (existing.operation !== operation) {
    throw new PaygateError(
      'idempotency_key_mismatch',
      `Keys for idempotent requests can only be used for the same request they were first used for: this key was used for ${existing.operation}. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  return existing.objectId;
}
