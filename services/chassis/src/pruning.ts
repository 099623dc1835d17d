import type { PeriodicTask } from './periodic';
import type { RawSql } from './sql';

/**
 * Retention of the chassis' own tables, pruned by a periodic task every service gets
 * (startPaygateService). See docs/architecture.md, "Retention".
 *
 * - outbox_events: a published row is kept 7 days (what was sent, when, for a person looking into
 *   an incident), then deleted; an unpublished row is never deleted.
 * - processed_events: an event id is kept 30 days. It must outlive every copy of the event Kafka can
 *   still deliver: topics keep records 7 days (log.retention.hours=168, infra/kafka/server.properties),
 *   but retention drops whole segments and the active one rolls only after log.roll.hours (168), so
 *   a record can be read up to ~14 days after it was written; a replay from the parked topic
 *   (same retention) re-delivers an event as old. An id pruned while its event can still arrive would
 *   let it apply twice.
 */
export const OUTBOX_RETENTION_DAYS = 7;
export const PROCESSED_EVENT_RETENTION_DAYS = 30;
export const PRUNE_EVERY_MS = 60 * 60_000;
/** One DELETE removes at most this many rows (short locks, small WAL bursts)… */
export const PRUNE_BATCH_ROWS = 1_000;
/** …and one run at most this many batches; the next run carries on. */
const PRUNE_MAX_BATCHES = 100;

/**
 * Runs `deleteBatch` (a DELETE of at most PRUNE_BATCH_ROWS rows, $1 = the limit) until it deletes
 * fewer than a full batch. Each statement is its own transaction. Returns the rows deleted.
 */
export async function pruneInBatches(db: RawSql, deleteBatch: string, ...values: unknown[]): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch += 1) {
    const deleted = await db.$executeRawUnsafe(deleteBatch, PRUNE_BATCH_ROWS, ...values);
    total += deleted;
    if (deleted < PRUNE_BATCH_ROWS) break;
  }
  return total;
}

/** Rows of `table` (key column `key`) whose `column` is more than `days` old, by the index on `column`. */
export function pruneOlderThan(db: RawSql, table: string, key: string, column: string, days: number): Promise<number> {
  return pruneInBatches(
    db,
    `DELETE FROM ${table} WHERE ${key} IN (
       SELECT ${key} FROM ${table} WHERE ${column} < now() - make_interval(days => $2) ORDER BY ${column} LIMIT $1)`,
    days,
  );
}

/** Published outbox rows older than `days` (index (published_at, seq)); a NULL published_at never matches. */
export function prunePublishedOutbox(db: RawSql, days = OUTBOX_RETENTION_DAYS): Promise<number> {
  return pruneOlderThan(db, 'outbox_events', 'seq', 'published_at', days);
}

/** Processed-event ids older than `days` (index on processed_at). */
export function pruneProcessedEvents(db: RawSql, days = PROCESSED_EVENT_RETENTION_DAYS): Promise<number> {
  return pruneOlderThan(db, 'processed_events', 'event_id', 'processed_at', days);
}

/** The pruning tasks for the tables a service has: its outbox, its processed-event ids. */
export function retentionTasks(db: RawSql, tables: { outbox: boolean; processedEvents: boolean }): PeriodicTask[] {
  const tasks: PeriodicTask[] = [];
  if (tables.outbox) tasks.push({ name: 'prune-published-outbox', everyMs: PRUNE_EVERY_MS, run: () => prunePublishedOutbox(db) });
  if (tables.processedEvents) tasks.push({ name: 'prune-processed-events', everyMs: PRUNE_EVERY_MS, run: () => pruneProcessedEvents(db) });
  return tasks;
}
