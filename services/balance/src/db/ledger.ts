import { type ListArgs, listPage, type Page, timestampRange, type TimestampRange } from '@paygate/chassis';
import { balanceTransactionStatus, withDefaultCurrency, type CurrencyBalance, type LedgerEntry } from '../domain/ledger';
import type { BalanceTx, PrismaClient } from './client';
import type { BalanceTransaction as BalanceTransactionRow, Prisma } from './generated/client';

/** Persistence of the ledger: rows in, rows out; `now` (the caller's clock) splits available from pending. */
type Db = PrismaClient | BalanceTx;

export type { BalanceTransactionRow };

export interface BalanceTransactionNode extends Omit<LedgerEntry, 'type' | 'reportingCategory'> {
  type: string;
  reportingCategory: string;
  status: string;
}

export function toBalanceTransactionNode(row: BalanceTransactionRow, now: number): BalanceTransactionNode {
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency,
    fee: row.fee,
    feeDetails: row.feeDetails as unknown as LedgerEntry['feeDetails'],
    net: row.net,
    type: row.type,
    reportingCategory: row.reportingCategory,
    source: row.source ?? '',
    description: row.description,
    availableOn: row.availableOn,
    created: row.created,
    status: balanceTransactionStatus(row.availableOn, now),
  };
}

const columns = (account: string, eventId: string | null, entry: LedgerEntry) => ({
  ...entry,
  account,
  eventId,
  feeDetails: entry.feeDetails as unknown as Prisma.InputJsonValue,
});

/** Writes inside the consumer's transaction (the same one that records the event id). */
export async function recordEntry(tx: BalanceTx, account: string, eventId: string, entry: LedgerEntry): Promise<void> {
  await tx.balanceTransaction.create({ data: columns(account, eventId, entry) });
}

/**
 * Books an entry unless one with its id, or for its (source, type), exists: funds returned twice for
 * one failure (an event re-sent under a new id) are booked once. True when this call booked it.
 */
export async function recordEntryOnce(tx: BalanceTx, account: string, eventId: string | null, entry: LedgerEntry): Promise<boolean> {
  const { count } = await tx.balanceTransaction.createMany({ data: [columns(account, eventId, entry)], skipDuplicates: true });
  return count === 1;
}

export function findEntry(db: Db, account: string, id: string): Promise<BalanceTransactionRow | null> {
  return db.balanceTransaction.findFirst({ where: { id, account } });
}

export interface BalanceTransactionListFilter {
  type?: string | null;
  source?: string | null;
  currency?: string | null;
  /** The payout's own entries: its debit and the credit that returned its funds (source = the payout). */
  payout?: string | null;
  created?: TimestampRange | null;
}

export function listEntries(db: Db, account: string, filter: BalanceTransactionListFilter, args: ListArgs): Promise<Page<BalanceTransactionRow>> {
  const where: Prisma.BalanceTransactionWhereInput = { account };
  if (filter.type) where.type = filter.type;
  if (filter.currency) where.currency = filter.currency.toLowerCase();
  const sources = [filter.source, filter.payout].filter((s): s is string => Boolean(s));
  if (sources.length) where.AND = sources.map((source) => ({ source }));
  const created = timestampRange(filter.created, 'created');
  if (created) where.created = created;
  return listPage(db.balanceTransaction, { where, cursorWhere: { account }, kind: 'balance transaction', toNode: (row) => row }, args);
}

/** Sum of net per currency, split at `now`: integer SUMs in SQL, never floats. */
export async function sumBalances(db: Db, account: string, now: number): Promise<CurrencyBalance[]> {
  const rows = await db.$queryRawUnsafe<{ currency: string; available: bigint; pending: bigint }[]>(
    `SELECT currency,
            COALESCE(SUM(net) FILTER (WHERE available_on <= $2), 0)::bigint AS available,
            COALESCE(SUM(net) FILTER (WHERE available_on > $2), 0)::bigint AS pending
       FROM balance_transactions WHERE account = $1 GROUP BY currency ORDER BY currency`,
    account,
    now,
  );
  return withDefaultCurrency(rows.map((r) => ({ currency: r.currency, available: toSafeNumber(r.available), pending: toSafeNumber(r.pending) })));
}

export function toSafeNumber(value: bigint | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`balance exceeds the safe integer range: ${value}`);
  return n;
}
