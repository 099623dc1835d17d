import type { EventsDb, EventsTx } from './client';

export interface ObjectSnapshotWrite {
  account: string;
  objectId: string;
  objectType: string;
  parentId: string | null;
  data: Record<string, unknown>;
  eventCreated: number;
}

export async function findSnapshot(db: EventsDb, account: string, objectId: string): Promise<Record<string, unknown> | null> {
  const row = await db.objectSnapshot.findUnique({ where: { account_objectId: { account, objectId } }, select: { data: true } });
  return (row?.data as Record<string, unknown> | undefined) ?? null;
}

/**
 * The refunds of a charge seen so far, newest created first (as the refund service lists them), and how many.
 */
export async function refundSnapshotsOf(db: EventsDb, account: string, chargeId: string, take: number): Promise<{ data: Record<string, unknown>[]; totalCount: number }> {
  const rows = await db.$queryRaw<{ data: Record<string, unknown>; total: bigint }[]>`
    SELECT data, count(*) OVER () AS total FROM object_snapshots
    WHERE account = ${account} AND parent_id = ${chargeId} AND object_type = 'refund'
    ORDER BY (data->>'created')::bigint DESC, object_id DESC LIMIT ${take}`;
  return { data: rows.map((r) => r.data), totalCount: Number(rows[0]?.total ?? 0) };
}

/** The object's newest JSON; an event older than the one that wrote the snapshot leaves it alone. */
export async function saveSnapshot(tx: EventsTx, s: ObjectSnapshotWrite): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO object_snapshots (account, object_id, object_type, parent_id, data, event_created, updated_at)
    VALUES (${s.account}, ${s.objectId}, ${s.objectType}, ${s.parentId}, ${JSON.stringify(s.data)}::jsonb, ${s.eventCreated}, now())
    ON CONFLICT (account, object_id) DO UPDATE
      SET data = EXCLUDED.data, parent_id = COALESCE(EXCLUDED.parent_id, object_snapshots.parent_id), event_created = EXCLUDED.event_created, updated_at = now()
      WHERE object_snapshots.event_created <= EXCLUDED.event_created`;
}
