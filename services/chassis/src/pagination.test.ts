import { finishPage, paginate, parseLimit, planPage, seqFilter } from './pagination';

// A fake table of seq 1..25 (seq 25 newest), read the way a SQL query with the plan would.
const table = Array.from({ length: 25 }, (_, i) => ({ id: `obj_${i + 1}`, seq: BigInt(i + 1) }));
const read = async (bound: { lt: bigint } | { gt: bigint } | undefined, direction: 'asc' | 'desc', take: number) => {
  let rows = table.filter((r) => !bound || ('lt' in bound ? r.seq < bound.lt : r.seq > bound.gt));
  rows = rows.sort((a, b) => (direction === 'desc' ? Number(b.seq - a.seq) : Number(a.seq - b.seq)));
  return rows.slice(0, take);
};
const seqOf = async (id: string) => table.find((r) => r.id === id)?.seq ?? null;

describe('pagination', () => {
  it('defaults to 10 and bounds limit to 1..100', () => {
    expect(parseLimit(undefined)).toBe(10);
    expect(parseLimit(100)).toBe(100);
    for (const bad of [0, 101, -1, 2.5]) expect(() => parseLimit(bad)).toThrow(expect.objectContaining({ details: { param: 'limit' } }));
  });

  it('refuses starting_after with ending_before', () => {
    expect(() => planPage({ startingAfter: 'a', endingBefore: 'b' })).toThrow(expect.objectContaining({ code: 'parameters_exclusive' }));
  });

  it('walks newest first, then older with starting_after, with has_more', async () => {
    const first = await paginate({ limit: 10 }, 'object', seqOf, read);
    expect(first.data.map((r) => r.id)).toEqual(table.slice(15).reverse().map((r) => r.id));
    expect(first.hasMore).toBe(true);
    const last = first.data[first.data.length - 1]!;
    const second = await paginate({ limit: 10, startingAfter: last.id }, 'object', seqOf, read);
    expect(second.data[0]!.id).toBe('obj_15');
    const third = await paginate({ limit: 10, startingAfter: second.data[9]!.id }, 'object', seqOf, read);
    expect(third.data.map((r) => r.id)).toEqual(['obj_5', 'obj_4', 'obj_3', 'obj_2', 'obj_1']);
    expect(third.hasMore).toBe(false);
  });

  it('walks back with ending_before and still returns newest first', async () => {
    const page = await paginate({ limit: 3, endingBefore: 'obj_10' }, 'object', seqOf, read);
    expect(page.data.map((r) => r.id)).toEqual(['obj_13', 'obj_12', 'obj_11']);
    expect(page.hasMore).toBe(true);
    const top = await paginate({ limit: 3, endingBefore: 'obj_23' }, 'object', seqOf, read);
    expect(top.data.map((r) => r.id)).toEqual(['obj_25', 'obj_24']);
    expect(top.hasMore).toBe(false);
  });

  it('a cursor that does not exist is resource_missing on its param', async () => {
    await expect(paginate({ startingAfter: 'obj_x' }, 'customer', seqOf, read)).rejects.toMatchObject({
      code: 'resource_missing',
      details: { param: 'starting_after' },
      message: "No such customer: 'obj_x'",
    });
  });

  it('seqFilter and finishPage are consistent', () => {
    const plan = planPage({ limit: 2, startingAfter: 'x' });
    expect(seqFilter(plan, 5n)).toEqual({ lt: 5n });
    expect(finishPage(plan, [1, 2, 3])).toEqual({ data: [1, 2], hasMore: true });
  });
});
