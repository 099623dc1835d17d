import { pruneInBatches, PRUNE_BATCH_ROWS, retentionTasks } from './pruning';
import type { RawSql } from './sql';

function fakeDb(deletes: number[]): RawSql & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    $queryRawUnsafe: async () => [] as never,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => {
      calls.push([query, ...values]);
      return deletes.shift() ?? 0;
    },
  };
}

describe('pruning', () => {
  it('deletes in batches until one comes back short', async () => {
    const db = fakeDb([PRUNE_BATCH_ROWS, PRUNE_BATCH_ROWS, 17, 999]);
    expect(await pruneInBatches(db, 'DELETE … LIMIT $1', 7)).toBe(2 * PRUNE_BATCH_ROWS + 17);
    expect(db.calls).toHaveLength(3);
    expect(db.calls[0]).toEqual(['DELETE … LIMIT $1', PRUNE_BATCH_ROWS, 7]);
  });

  it('one run is bounded (the next one carries on)', async () => {
    const db = fakeDb(Array(1_000).fill(PRUNE_BATCH_ROWS));
    expect(await pruneInBatches(db, 'DELETE', 1)).toBe(100 * PRUNE_BATCH_ROWS);
  });

  it('a service gets a task per table it has; published outbox rows after 7 days, processed ids after 30', async () => {
    expect(retentionTasks(fakeDb([]), { outbox: false, processedEvents: false })).toEqual([]);
    const db = fakeDb([0, 0]);
    const tasks = retentionTasks(db, { outbox: true, processedEvents: true });
    expect(tasks.map((t) => t.name)).toEqual(['prune-published-outbox', 'prune-processed-events']);
    for (const task of tasks) await task.run();
    expect(db.calls.map(([sql, , days]) => [String(sql).match(/DELETE FROM (\w+)/)?.[1], days])).toEqual([
      ['outbox_events', 7],
      ['processed_events', 30],
    ]);
    expect(String(db.calls[0]![0])).toMatch(/published_at < now\(\)/); // never an unpublished row
  });
});
