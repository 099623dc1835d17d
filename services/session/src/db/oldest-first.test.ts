import { paginate, type ListArgs } from '@paygate/chassis';
import { oldestFirst } from './oldest-first';

/** Five lines given in order li_1 … li_5 (seq 1 … 5), paged through the chassis with the mirror. */
const lines = [1n, 2n, 3n, 4n, 5n].map((seq) => ({ id: `li_${seq}`, seq }));

async function page(args: ListArgs) {
  const result = await paginate(
    args,
    'line item',
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

describe('oldest-first line item pages', () => {
  it('starts with the first line given', async () => {
    expect(await page({ limit: 2 })).toEqual({ ids: ['li_1', 'li_2'], hasMore: true });
  });

  it('starting_after walks forward', async () => {
    expect(await page({ limit: 2, startingAfter: 'li_2' })).toEqual({ ids: ['li_3', 'li_4'], hasMore: true });
    expect(await page({ limit: 2, startingAfter: 'li_4' })).toEqual({ ids: ['li_5'], hasMore: false });
  });

  it('ending_before walks back and keeps ascending order', async () => {
    expect(await page({ limit: 2, endingBefore: 'li_5' })).toEqual({ ids: ['li_3', 'li_4'], hasMore: true });
    expect(await page({ limit: 2, endingBefore: 'li_2' })).toEqual({ ids: ['li_1'], hasMore: false });
  });
});
