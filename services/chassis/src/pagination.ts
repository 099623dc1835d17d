import { PaygateError } from './errors';

/**
 * Stripe list pagination over a monotonically increasing `seq` column: newest first,
 * `starting_after` = older than the cursor, `ending_before` = newer than the cursor.
 */
export interface ListArgs {
  limit?: number | null;
  startingAfter?: string | null;
  endingBefore?: string | null;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export function parseLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new PaygateError(
      'parameter_invalid_integer',
      `Invalid limit: must be an integer between 1 and ${MAX_LIMIT}`,
      { param: 'limit' },
    );
  }
  return limit;
}

export interface PagePlan {
  limit: number;
  cursor: { id: string; param: 'starting_after' | 'ending_before' } | null;
  /** Rows to read: limit + 1, so the extra one tells whether there is more. */
  take: number;
  /** Order in which to read: desc walks older, asc walks newer (then flipped back). */
  direction: 'desc' | 'asc';
}

export function planPage(args: ListArgs): PagePlan {
  const limit = parseLimit(args.limit);
  if (args.startingAfter && args.endingBefore) {
    throw new PaygateError(
      'parameters_exclusive',
      'You may only specify one of these parameters: ending_before, starting_after.',
      { param: 'ending_before' },
    );
  }
  if (args.endingBefore) return { limit, cursor: { id: args.endingBefore, param: 'ending_before' }, take: limit + 1, direction: 'asc' };
  if (args.startingAfter) return { limit, cursor: { id: args.startingAfter, param: 'starting_after' }, take: limit + 1, direction: 'desc' };
  return { limit, cursor: null, take: limit + 1, direction: 'desc' };
}

/** The seq bound for the rows to read, given the cursor row's seq. */
export function seqFilter(plan: PagePlan, cursorSeq: bigint | null): { lt: bigint } | { gt: bigint } | undefined {
  if (!plan.cursor || cursorSeq === null) return undefined;
  return plan.direction === 'desc' ? { lt: cursorSeq } : { gt: cursorSeq };
}

/** Trim the probe row, and present newest first whichever way we read. */
export function finishPage<T>(plan: PagePlan, rows: T[]): Page<T> {
  const hasMore = rows.length > plan.limit;
  const data = rows.slice(0, plan.limit);
  if (plan.direction === 'asc') data.reverse();
  return { data, hasMore };
}

/**
 * Run a page: `cursorSeq` finds the cursor object's seq within the account (null → 404 on the
 * cursor param, as Stripe does), `readRows` reads with the plan's bound, order and take.
 */
export async function paginate<T>(
  args: ListArgs,
  kind: string,
  cursorSeq: (id: string) => PromiseLike<bigint | null>,
  readRows: (seq: { lt: bigint } | { gt: bigint } | undefined, direction: 'asc' | 'desc', take: number) => PromiseLike<T[]>,
): Promise<Page<T>> {
  const plan = planPage(args);
  let seq: bigint | null = null;
  if (plan.cursor) {
    seq = await cursorSeq(plan.cursor.id);
    if (seq === null) {
      throw new PaygateError('resource_missing', `No such ${kind}: '${plan.cursor.id}'`, { param: plan.cursor.param });
    }
  }
  const rows = await readRows(seqFilter(plan, seq), plan.direction, plan.take);
  return finishPage(plan, rows);
}

/**
 * The chassis pages newest first (starting_after = lower seq). Lines (invoice lines, session line items)
 * list in the order they were added, oldest first, so their reads mirror the bound and the order: starting_after then means
 * a higher seq, and the chassis' final flip of ending_before pages still yields ascending order.
 */
export function oldestFirst(
  seq: { lt: bigint } | { gt: bigint } | undefined,
  direction: 'asc' | 'desc',
): { seq: { lt: bigint } | { gt: bigint } | undefined; direction: 'asc' | 'desc' } {
  const mirrored = seq === undefined ? undefined : 'lt' in seq ? { gt: seq.lt } : { lt: seq.gt };
  return { seq: mirrored, direction: direction === 'desc' ? 'asc' : 'desc' };
}

/** The slice of a Prisma model delegate a seq-ordered list needs (every service's models have it). */
export interface SeqPagedModel<Row, Where> {
  findFirst(args: { where: Where; select: { seq: true } }): PromiseLike<{ seq: bigint } | null>;
  findMany(args: { where: Where; orderBy: { seq: 'asc' | 'desc' }; take: number }): PromiseLike<Row[]>;
}

/**
 * One Stripe list page of a model, within `where` (always holding the account): the cursor must
 * lie within the same filter, rows come newest first (or oldest first, for lines).
 */
export async function listPage<Row, Where extends object, Node>(
  model: SeqPagedModel<Row, Where>,
  options: {
    where: Where;
    kind: string;
    toNode: (row: Row) => Node;
    order?: 'newest_first' | 'oldest_first';
    /** Where a cursor may be found, when wider than `where` (e.g. a deleted customer). Defaults to `where`. */
    cursorWhere?: Where;
  },
  args: ListArgs,
): Promise<Page<Node>> {
  const { where, kind, toNode } = options;
  const page = await paginate<Row>(
    args,
    kind,
    async (id) => (await model.findFirst({ where: { ...(options.cursorWhere ?? where), id }, select: { seq: true } }))?.seq ?? null,
    (bound, direction, take) => {
      const read = options.order === 'oldest_first' ? oldestFirst(bound, direction) : { seq: bound, direction };
      return model.findMany({ where: { ...where, ...(read.seq ? { seq: read.seq } : {}) }, orderBy: { seq: read.direction }, take });
    },
  );
  return { data: page.data.map(toNode), hasMore: page.hasMore };
}
