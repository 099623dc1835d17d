import { randomUUID } from 'node:crypto';
import { pruneInBatches, type RawSql } from '@paygate/chassis';

export interface StoredResponse {
  status: number;
  body: string;
  requestId: string;
}

export type Claim =
  | { outcome: 'claimed'; recordId: string }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

interface ExistingRecord {
  request_hash: string;
  state: string;
  response_status: number | null;
  response_body: string | null;
  request_id: string;
}

/** Keys may be pruned once 24 h old (Stripe's rule): an older key starts a new request. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * An in-progress claim older than this was left by an edge that died mid-request (the graph call
 * times out after 30 s): a retry takes it over and runs again, and the subgraph, which recorded the
 * key with its effect, answers with the object it already made instead of acting twice.
 */
export const IN_PROGRESS_LEASE_SECONDS = 60;

/**
 * Idempotency records in the edge's database. `claim` is one statement: the row is inserted, or
 * taken over when older than the TTL (or an abandoned in-progress lease), or found — so two
 * concurrent requests cannot both execute.
 *
 * Plain SQL on any RawSql: the edge gives it a node-postgres pool (chassis pgSql), since a claim
 * and a completion ride on every POST with a key and a statement through Prisma cost ~3× the CPU.
 */
export class IdempotencyStore {
  constructor(private readonly sql: RawSql) {}

  async claim(accountId: string, key: string, requestHash: string, requestId: string): Promise<Claim> {
    const claimed = await this.sql.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO idempotency_records (id, account_id, key, request_hash, state, request_id)
       VALUES ($1, $2, $3, $4, 'in_progress', $5)
       ON CONFLICT (account_id, key) DO UPDATE
         SET id = EXCLUDED.id, request_hash = EXCLUDED.request_hash, state = 'in_progress', request_id = EXCLUDED.request_id,
             response_status = NULL, response_body = NULL, created_at = now(), completed_at = NULL
         WHERE idempotency_records.created_at < now() - make_interval(hours => $6)
            OR (idempotency_records.state = 'in_progress' AND idempotency_records.created_at < now() - make_interval(secs => $7))
       RETURNING id`,
      randomUUID(),
      accountId,
      key,
      requestHash,
      requestId,
      IDEMPOTENCY_KEY_TTL_HOURS,
      IN_PROGRESS_LEASE_SECONDS,
    );
    if (claimed[0]) return { outcome: 'claimed', recordId: claimed[0].id };
    const [existing] = await this.sql.$queryRawUnsafe<ExistingRecord[]>(
      'SELECT request_hash, state, response_status, response_body, request_id FROM idempotency_records WHERE account_id = $1 AND key = $2',
      accountId,
      key,
    );
    if (!existing) return this.claim(accountId, key, requestHash, requestId); // pruned in between
    if (existing.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (existing.state !== 'complete' || existing.response_status === null || existing.response_body === null) return { outcome: 'in_progress' };
    return { outcome: 'replay', response: { status: Number(existing.response_status), body: existing.response_body, requestId: existing.request_id } };
  }

  async complete(recordId: string, status: number, body: string): Promise<void> {
    await this.sql.$executeRawUnsafe(
      "UPDATE idempotency_records SET state = 'complete', response_status = $2, response_body = $3, completed_at = now() WHERE id = $1",
      recordId,
      status,
      body,
    );
  }

  /**
   * Deletes records past the 24 h TTL, in batches (index on created_at). `claim` already treats
   * them as new keys; pruning keeps the table to a day of traffic. Returns the rows deleted.
   */
  async pruneExpired(): Promise<number> {
    return pruneInBatches(
      this.sql,
      `DELETE FROM idempotency_records WHERE id IN (
         SELECT id FROM idempotency_records WHERE created_at < now() - make_interval(hours => $2) ORDER BY created_at LIMIT $1)`,
      IDEMPOTENCY_KEY_TTL_HOURS,
    );
  }

  /** Execution never began (or the edge could not record it): the key is free again. */
  async release(recordId: string): Promise<void> {
    await this.sql.$executeRawUnsafe("DELETE FROM idempotency_records WHERE id = $1 AND state = 'in_progress'", recordId);
  }
}
