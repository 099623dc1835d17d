import { decodePageToken, encodePageToken, parseLimit } from '@paygate/chassis';

export interface SearchArgs {
  limit?: number | null;
  page?: string | null;
}

export interface SearchResult<Row> {
  data: Row[];
  hasMore: boolean;
  nextPage: string | null;
}

interface SeqSearchable<Row, Where> {
  findMany(args: { where: Where; orderBy: { seq: 'desc' }; take: number }): PromiseLike<Row[]>;
}

/** One page of search results, newest first; `page` is an opaque token for the seq to continue below. */
export async function searchPage<Row extends { seq: bigint }, Where extends object>(
  model: SeqSearchable<Row, Where>,
  where: Where,
  args: SearchArgs,
): Promise<SearchResult<Row>> {
  const take = parseLimit(args.limit);
  const below = args.page ? decodePageToken(args.page) : undefined;
  const rows = await model.findMany({ where: { AND: [where, below ? { seq: { lt: below } } : {}] } as unknown as Where, orderBy: { seq: 'desc' }, take: take + 1 });
  const hasMore = rows.length > take;
  const data = rows.slice(0, take);
  const last = data[data.length - 1];
  return { data, hasMore, nextPage: hasMore && last ? encodePageToken(last.seq) : null };
}
