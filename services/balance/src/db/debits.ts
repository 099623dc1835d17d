import type { LedgerProfile } from '../domain/debit-rule';
import type { LedgerEntry } from '../domain/ledger';
import type { BalanceTx } from './client';
import type { BalanceTransactionRow } from './ledger';
import { toSafeNumber } from './ledger';

/**
 * What a debit reads and writes, all inside one transaction that first takes the balance's lock: the
 * check (the ledger's profile) and the insert cannot interleave with another debit of the same
 * account and currency. Credits (event-booked) take no lock: they only raise the balance.
 */
export async function lockBalance(tx: BalanceTx, account: string, currency: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 7042003))', `balance:${account}:${currency}`);
}

/** The entry of one object and type (a debit already booked for this refund or payout), if any. */
export function findEntryOf(tx: BalanceTx, account: string, source: string, type: string): Promise<BalanceTransactionRow | null> {
  return tx.balanceTransaction.findFirst({ where: { account, source, type } });
}

/** Any entry with this id, whatever its account (ids are global). */
export function findEntryById(tx: BalanceTx, id: string): Promise<BalanceTransactionRow | null> {
  return tx.balanceTransaction.findUnique({ where: { id } });
}

/** available now, and the net of every later available_on: the input of the debit rule. */
export async function ledgerProfile(tx: BalanceTx, account: string, currency: string, now: number): Promise<LedgerProfile> {
  const [current] = await tx.$queryRawUnsafe<{ available: bigint }[]>(
    'SELECT COALESCE(SUM(net), 0)::bigint AS available FROM balance_transactions WHERE account = $1 AND currency = $2 AND available_on <= $3',
    account,
    currency,
    now,
  );
  const future = await tx.$queryRawUnsafe<{ available_on: number; net: bigint }[]>(
    `SELECT available_on, SUM(net)::bigint AS net FROM balance_transactions
      WHERE account = $1 AND currency = $2 AND available_on > $3 GROUP BY available_on ORDER BY available_on`,
    account,
    currency,
    now,
  );
  return { availableNow: toSafeNumber(current?.available ?? 0n), future: future.map((r) => ({ availableOn: r.available_on, net: toSafeNumber(r.net) })) };
}

export function insertDebit(tx: BalanceTx, account: string, entry: LedgerEntry): Promise<BalanceTransactionRow> {
  return tx.balanceTransaction.create({ data: { ...entry, account, eventId: null, feeDetails: [] } });
}
