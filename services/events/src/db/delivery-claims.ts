import type { RawSql } from '@paygate/chassis';
import type { DeliveryStatus } from '../domain/delivery-status';
import type { NewEvent } from './events';
import { UNDELIVERED } from './event-node';

/**
 * The delivery worker's SQL, on node-postgres (chassis pgSql) rather than Prisma: a claim holds its
 * transaction open across the POST (up to 10 s), which Prisma's interactive transactions time out on.
 */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  endpointId: string;
  url: string;
  secretSealed: string;
  endpointLive: boolean;
  endpointApiVersion: string | null;
  /** W3C traceparent of the event's handling (null with tracing off). */
  traceContext: string | null;
  /** The stored event, and its undelivered deliveries (this one included). */
  event: NewEvent & { pendingWebhooks: number };
}

interface ClaimRow {
  id: string;
  attempts: number;
  endpoint_id: string;
  url: string;
  secret_sealed: string;
  endpoint_live: boolean;
  endpoint_api_version: string | null;
  event_id: string;
  account: string;
  type: string;
  created: number;
  api_version: string;
  data: Record<string, unknown>;
  request_id: string | null;
  idempotency_key: string | null;
  pending_webhooks: string;
  trace_context: string | null;
}

/**
 * The oldest due delivery nobody else holds, locked until the claiming transaction ends (a process
 * that dies mid-POST drops its connection, PostgreSQL rolls back, and the row is due again).
 */
export async function claimDueDelivery(tx: RawSql): Promise<ClaimedDelivery | null> {
  const rows = await tx.$queryRawUnsafe<ClaimRow[]>(
    `SELECT d.id::text, d.attempts, d.endpoint_id, d.trace_context, w.url, w.secret_sealed, (w.deleted_at IS NULL AND w.status = 'enabled') AS endpoint_live,
            w.api_version AS endpoint_api_version, e.id AS event_id, e.account, e.type, e.created, e.api_version, e.data, e.request_id, e.idempotency_key,
            (SELECT count(*) FROM webhook_deliveries p WHERE p.event_id = e.id AND p.status = ANY($1::text[])) AS pending_webhooks
     FROM (SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) d
     JOIN webhook_endpoints w ON w.id = d.endpoint_id
     JOIN events e ON e.id = d.event_id`,
    UNDELIVERED,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    attempts: row.attempts,
    endpointId: row.endpoint_id,
    url: row.url,
    secretSealed: row.secret_sealed,
    endpointLive: row.endpoint_live,
    endpointApiVersion: row.endpoint_api_version,
    traceContext: row.trace_context ?? null,
    event: {
      id: row.event_id,
      account: row.account,
      type: row.type,
      created: row.created,
      apiVersion: row.api_version,
      data: row.data,
      requestId: row.request_id,
      idempotencyKey: row.idempotency_key,
      pendingWebhooks: Number(row.pending_webhooks),
    },
  };
}

export interface DeliveryMark {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
  attemptedAt: Date | null;
}

export async function markDelivery(tx: RawSql, id: string, mark: DeliveryMark): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, last_status_code = $5, last_error = $6, last_attempt_at = COALESCE($7, last_attempt_at)
     WHERE id = $1::bigint`,
    id,
    mark.status,
    mark.attempts,
    mark.nextAttemptAt,
    mark.statusCode,
    mark.error,
    mark.attemptedAt,
  );
}

/** When the next pending delivery is due (one read of the (status, next_attempt_at) index), or null. */
export async function nextDueAt(db: RawSql): Promise<Date | null> {
  const rows = await db.$queryRawUnsafe<{ at: Date }[]>(
    `SELECT next_attempt_at AS at FROM webhook_deliveries WHERE status = 'pending' ORDER BY next_attempt_at LIMIT 1`,
  );
  return rows[0]?.at ?? null;
}
