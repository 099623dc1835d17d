import { oldestFirst, paginate, type ListArgs } from './pagination';

/** Five invoice items added in order ii_1 … ii_5 (seq 1 … 5), paged through the chassis with the mirror. */
const lines = [1n, 2n, 3n, 4n, 5n].map((seq) => ({ id: `ii_${seq}`, seq }));

async function page(args: ListArgs) {
  const result = await paginate(
    args,
    'invoice item',
    async (id) => lines.find((l) => l.id === id)?.seq ?? null,
    async (bound, direction, take) => {
      const read = oldestFirst(bound, direction);
      const matching = lines.filter((l) =>
        read.seq === undefined ? true : 'lt' in read.seq ? l.seq < read.seq.lt : l.seq > read.seq.gt,
      );
      const ordered = read.direction === 'asc' ? matching : [...matching].reverse();
      return ordered.slice(0, take);
    },
  );
  return { ids: result.data.map((l) => l.id), hasMore: result.hasMore };
}

describe('oldest-first invoice line pages', () => {
  it('starts with the first line given', async () => {
    expect(await page({ limit: 2 })).toEqual({ ids: ['ii_1', 'ii_2'], hasMore: true });
  });

  it('starting_after walks forward', async () => {
    expect(await page({ limit: 2, startingAfter: 'ii_2' })).toEqual({ ids: ['ii_3', 'ii_4'], hasMore: true });
    expect(await page({ limit: 2, startingAfter: 'ii_4' })).toEqual({ ids: ['ii_5'], hasMore: false });
  });

  it('ending_before walks back and keeps ascending order', async () => {
    expect(await page({ limit: 2, endingBefore: 'ii_5' })).toEqual({ ids: ['ii_3', 'ii_4'], hasMore: true });
    expect(await page({ limit: 2, endingBefore: 'ii_2' })).toEqual({ ids: ['ii_1'], hasMore: false });
  });
});
