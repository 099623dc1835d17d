import { pruneOlderThan, PRUNE_EVERY_MS, type PeriodicTask, type RawSql } from '@paygate/chassis';

/**
 * Stripe keeps events 30 days (GET /v1/events lists that far back); so does this service. An
 * event's deliveries go with it (ON DELETE CASCADE), and a snapshot no event has touched for 30
 * days goes too (a later event of that object then renders without it: no previous_attributes diff).
 */
export const EVENT_RETENTION_DAYS = 30;

export function eventRetentionTasks(db: RawSql): PeriodicTask[] {
  return [
    { name: 'prune-events', everyMs: PRUNE_EVERY_MS, run: () => pruneOlderThan(db, 'events', 'id', 'received_at', EVENT_RETENTION_DAYS) },
    // ctid: the snapshot's key is (account, object_id); the row address serves within one statement.
    { name: 'prune-object-snapshots', everyMs: PRUNE_EVERY_MS, run: () => pruneOlderThan(db, 'object_snapshots', 'ctid', 'updated_at', EVENT_RETENTION_DAYS) },
  ];
}
