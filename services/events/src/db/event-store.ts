import { currentTraceParent, type RawSql } from '@paygate/chassis';
import type { NewEvent } from './events';

/**
 * The consumer's side of the events database, on node-postgres (the chassis' pgSql) rather than
 * Prisma: every state change of every service passes here, so it is the hot path of each write
 * request. Two statements an event: one reads what rendering needs, one writes the event, its
 * snapshot and its deliveries (was five Prisma statements, measured at 5-13 ms of CPU a write
 * request). The resolvers' reads stay in Prisma.
 */

/** The newest Stripe JSON of an object seen in an event (object_snapshots). */
export interface ObjectSnapshotWrite {
  objectId: string;
  objectType: string;
  /** The charge of a refund (a charge embeds its refunds). */
  parentId: string | null;
  data: Record<string, unknown>;
  /** The created time of the event that leaves it so (an older event never overwrites a newer one). */
  eventCreated: number;
}

export interface StoredObjectState {
  /** The object's snapshot before this event (null when first seen). */
  previous: Record<string, unknown> | null;
  /** For a charge: its refunds seen so far, newest created first, at most `take`, and how many. */
  refunds: { data: Record<string, unknown>[]; totalCount: number } | null;
}

/** The object's snapshot and, for a charge, its refunds, in one statement. */
export async function readObjectState(tx: RawSql, account: string, objectId: string, refundsToTake: number | null): Promise<StoredObjectState> {
  const [row] = await tx.$queryRawUnsafe<{ previous: Record<string, unknown> | null; refunds: Record<string, unknown>[] | null; refund_count: string | null }[]>(
    `SELECT
       (SELECT data FROM object_snapshots WHERE account = $1 AND object_id = $2) AS previous,
       CASE WHEN $3::int IS NOT NULL THEN (
         SELECT coalesce(jsonb_agg(r.data ORDER BY (r.data->>'created')::bigint DESC, r.object_id DESC), '[]'::jsonb)
         FROM (SELECT data, object_id FROM object_snapshots
               WHERE account = $1 AND parent_id = $2 AND object_type = 'refund'
               ORDER BY (data->>'created')::bigint DESC, object_id DESC LIMIT $3::int) r
       ) END AS refunds,
       CASE WHEN $3::int IS NOT NULL THEN (
         SELECT count(*) FROM object_snapshots WHERE account = $1 AND parent_id = $2 AND object_type = 'refund'
       ) END AS refund_count`,
    account,
    objectId,
    refundsToTake,
  );
  return {
    previous: row?.previous ?? null,
    refunds: row?.refunds ? { data: row.refunds, totalCount: Number(row.refund_count ?? 0) } : null,
  };
}

/**
 * In one statement: the event (an id already stored is left alone and gets no new deliveries), the
 * object's snapshot in the event's account (an event older than the one that wrote it leaves it
 * alone), and one pending delivery, due `now`, per enabled endpoint of the account that receives the
 * type (`*` or the type).
 */
export async function writeEvent(tx: RawSql, event: NewEvent, snapshot: ObjectSnapshotWrite | null, now: Date): Promise<void> {
  // The event's trace (the consumer's span for it, under the request that made it): each attempt is traced there.
  const traceContext = currentTraceParent();
  await tx.$executeRawUnsafe(
    `WITH stored AS (
       INSERT INTO events (id, account, type, created, api_version, data, request_id, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ), snapshot AS (
       INSERT INTO object_snapshots (account, object_id, object_type, parent_id, data, event_created, updated_at)
       SELECT $2, $9::text, $10, $11, $12::jsonb, $13, now() WHERE $9::text IS NOT NULL
       ON CONFLICT (account, object_id) DO UPDATE
         SET data = EXCLUDED.data, parent_id = COALESCE(EXCLUDED.parent_id, object_snapshots.parent_id),
             event_created = EXCLUDED.event_created, updated_at = now()
         WHERE object_snapshots.event_created <= EXCLUDED.event_created
     )
     INSERT INTO webhook_deliveries (event_id, endpoint_id, account, status, next_attempt_at, trace_context)
     SELECT stored.id, e.id, $2, 'pending', $14, $15
     FROM stored, webhook_endpoints e
     WHERE e.account = $2 AND e.deleted_at IS NULL AND e.status = 'enabled' AND e.enabled_events && ARRAY['*', $3]::text[]
     ON CONFLICT (event_id, endpoint_id) DO NOTHING`,
    event.id,
    event.account,
    event.type,
    event.created,
    event.apiVersion,
    JSON.stringify(event.data),
    event.requestId,
    event.idempotencyKey,
    snapshot?.objectId ?? null,
    snapshot?.objectType ?? null,
    snapshot?.parentId ?? null,
    snapshot ? JSON.stringify(snapshot.data) : null,
    snapshot?.eventCreated ?? null,
    now,
    traceContext,
  );
}
