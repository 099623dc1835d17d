import { fail, type ListArgs, listPage, type Page } from '@paygate/chassis';
import { balanceTransactionStatus, withDefaultCurrency, type CurrencyBalance, type LedgerEntry } from '../domain/ledger';
import type { BalanceTx, PrismaClient } from './client';
import type { BalanceTransaction as BalanceTransactionRow, Prisma } from './generated/client';

export interface BalanceTransactionNode extends Omit<LedgerEntry, 'type' | 'reportingCategory'> {
  type: string;
  reportingCategory: string;
  status: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function toBalanceTransactionNode(row: BalanceTransactionRow, now = nowSeconds()): BalanceTransactionNode {
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

/** Writes inside the consumer's transaction (the same one that records the event id). */
export async function recordEntry(tx: BalanceTx, account: string, eventId: string, entry: LedgerEntry): Promise<void> {
  await tx.balanceTransaction.create({
    data: { ...entry, account, eventId, feeDetails: entry.feeDetails as unknown as Prisma.InputJsonValue },
  });
}

export class LedgerStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** For federation: an unknown or foreign id resolves to null, not an error. */
  async find(account: string, id: string): Promise<BalanceTransactionNode | null> {
    const row = await this.prisma.balanceTransaction.findFirst({ where: { id, account } });
    return row ? toBalanceTransactionNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<BalanceTransactionNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('balance transaction', id);
    return node;
  }

  async list(account: string, args: ListArgs & { type?: string | null; source?: string | null }): Promise<Page<BalanceTransactionNode>> {
    const where: Prisma.BalanceTransactionWhereInput = { account, ...(args.type ? { type: args.type } : {}), ...(args.source ? { source: args.source } : {}) };
    const now = nowSeconds();
    return listPage(this.prisma.balanceTransaction, { where, cursorWhere: { account }, kind: 'balance transaction', toNode: (row) => toBalanceTransactionNode(row, now) }, args);
  }

  /** Sum of net per currency, split at read time: integer SUMs in SQL, never floats. */
  async balance(account: string): Promise<CurrencyBalance[]> {
    const rows = await this.prisma.$queryRawUnsafe<{ currency: string; available: bigint; pending: bigint }[]>(
      `SELECT currency,
              COALESCE(SUM(net) FILTER (WHERE available_on <= $2), 0)::bigint AS available,
              COALESCE(SUM(net) FILTER (WHERE available_on > $2), 0)::bigint AS pending
         FROM balance_transactions WHERE account = $1 GROUP BY currency ORDER BY currency`,
      account,
      nowSeconds(),
    );
    return withDefaultCurrency(rows.map((r) => ({ currency: r.currency, available: toSafeNumber(r.available), pending: toSafeNumber(r.pending) })));
  }
}

function toSafeNumber(value: bigint | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`balance exceeds the safe integer range: ${value}`);
  return n;
}
