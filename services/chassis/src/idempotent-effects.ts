import { PaygateError } from './errors';
import type { RawSql } from './sql';

/**
 * Idempotency end to end, for any service: the merchant's Idempotency-Key is recorded in the same
 * transaction as the effect, so a retry the edge could not answer from its own records (after a
 * crash, a timeout, a 500) finds the object the first attempt made. Table contract:
 * idempotent_effects(account, key, operation, object_id, created_at; primary key (account, key)).
 *
 * Claim first, inside the transaction that creates `objectId`: a concurrent claim of the same key
 * waits on the primary key until this transaction ends. A record older than the edge's 24 h key
 * lifetime is taken over (the edge treats such a key as new, so must we).
 *
 * Returns null when this call claimed the key (go on and create `objectId`), or the id of the object
 * an earlier call created with this key (return that object, create nothing).
 */
export const IDEMPOTENT_EFFECT_TTL_HOURS = 24;

export interface EffectClaim {
  account: string;
  key: string;
  operation: string;
  objectId: string;
}

export async function claimIdempotentEffect(tx: RawSql, claim: EffectClaim): Promise<string | null> {
  const claimed = await tx.$queryRawUnsafe<{ object_id: string }[]>(
    `INSERT INTO idempotent_effects (account, key, operation, object_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account, key) DO UPDATE SET operation = EXCLUDED.operation, object_id = EXCLUDED.object_id, created_at = now()
       WHERE idempotent_effects.created_at < now() - make_interval(hours => $5)
     RETURNING object_id`,
    claim.account,
    claim.key,
    claim.operation,
    claim.objectId,
    IDEMPOTENT_EFFECT_TTL_HOURS,
  );
  if (claimed[0]) return null;
  const [existing] = await tx.$queryRawUnsafe<{ operation: string; object_id: string }[]>(
    'SELECT operation, object_id FROM idempotent_effects WHERE account = $1 AND key = $2',
    claim.account,
    claim.key,
  );
  if (!existing) throw new Error(`idempotent effect ${claim.key} vanished while claimed`);
  if (existing.operation !== claim.operation) {
    throw new PaygateError(
      'idempotency_key_mismatch',
      `Keys for idempotent requests can only be used for the same request they were first used for: this key was used for ${existing.operation}. Try using a key other than '${claim.key}' if you meant to execute a different request.`,
    );
  }
  return existing.object_id;
}

/** Retention: records past the key lifetime can never be replayed; returns how many were deleted. */
export function pruneIdempotentEffects(db: RawSql): PromiseLike<number> {
  return db.$executeRawUnsafe('DELETE FROM idempotent_effects WHERE created_at < now() - make_interval(hours => $1)', IDEMPOTENT_EFFECT_TTL_HOURS);
}

/**
 * Runs `create` (which must make the object `claim.objectId`) unless this Idempotency-Key already made
 * an object for this operation: then `retrieve`s that one and creates nothing. No key: just `create`.
 * Call it inside the transaction of the effect, before any write.
 */
export async function idempotently<T>(
  tx: RawSql,
  claim: Omit<EffectClaim, 'key'> & { key: string | null },
  retrieve: (existingId: string) => Promise<T>,
  create: () => Promise<T>,
): Promise<T> {
  if (claim.key) {
    const existing = await claimIdempotentEffect(tx, { ...claim, key: claim.key });
    if (existing) return retrieve(existing);
  }
  return create();
}
