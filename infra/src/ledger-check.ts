/**
 * Reconciliation: every producer's money records (charges, refunds, payouts, each in its own
 * service's database) against the balance service's ledger. An ops tool, read-only: it is the one
 * place that reads several services' tables, exactly to check that the events and debits between
 * them lost or doubled nothing.
 *
 *   pnpm ledger:check [--account acct_…]    # prints every mismatch; exit 1 if there is any
 */
import { Command } from 'commander';
import { Client } from 'pg';
import { databaseUrl, serviceDatabase } from './topology';

export interface LedgerEntry {
  id: string;
  account: string;
  type: string;
  amount: number;
  source: string | null;
}

/** What the ledger must hold for one producer record: the entry's id, type, signed amount and source. */
export interface ExpectedEntry {
  id: string;
  account: string;
  type: string;
  amount: number;
  source: string;
}

export interface ChargeRecord {
  id: string;
  account: string;
  status: string;
  amountCaptured: number;
  balanceTransactionId: string | null;
}

export interface RefundRecord {
  id: string;
  account: string;
  status: string;
  amount: number;
  settlement: string;
  balanceTransactionId: string | null;
  failureBalanceTransactionId: string | null;
}

export interface PayoutRecord {
  id: string;
  account: string;
  status: string;
  amount: number;
  originalPayoutId: string | null;
  balanceTransactionId: string | null;
  failureBalanceTransactionId: string | null;
}

/** Records still between their steps (a reservation being made, a refund being settled) are reported apart, not as mismatches. */
export interface Expectations {
  expected: ExpectedEntry[];
  /** Entry ids a record says must NOT exist (a refused payout or refund). */
  forbidden: { id: string; why: string }[];
  inFlight: string[];
}

export function expectationsOf(charges: ChargeRecord[], refunds: RefundRecord[], payouts: PayoutRecord[]): Expectations {
  const out: Expectations = { expected: [], forbidden: [], inFlight: [] };
  for (const c of charges) {
    if (c.balanceTransactionId && c.status === 'captured') {
      out.expected.push({ id: c.balanceTransactionId, account: c.account, type: 'charge', amount: c.amountCaptured, source: c.id });
    }
  }
  for (const r of refunds) {
    if (r.settlement !== 'balance_debit' || !r.balanceTransactionId) continue;
    if (r.status === 'pending') {
      out.inFlight.push(r.id);
      continue;
    }
    if (r.status === 'failed' && !r.failureBalanceTransactionId) {
      out.forbidden.push({ id: r.balanceTransactionId, why: `refund ${r.id} was refused, so it may not debit the balance` });
      continue;
    }
    out.expected.push({ id: r.balanceTransactionId, account: r.account, type: 'refund', amount: -r.amount, source: r.id });
    if (r.status === 'failed' && r.failureBalanceTransactionId) {
      out.expected.push({ id: r.failureBalanceTransactionId, account: r.account, type: 'refund_failure', amount: r.amount, source: r.id });
    }
  }
  for (const p of payouts) {
    if (!p.balanceTransactionId) continue;
    if (p.status === 'reserving') {
      out.inFlight.push(p.id);
      continue;
    }
    if (p.status === 'refused') {
      out.forbidden.push({ id: p.balanceTransactionId, why: `payout ${p.id} was refused, so it may not debit the balance` });
      continue;
    }
    // A reversal has a negative amount (money back from the bank), booked once it is paid.
    if (p.originalPayoutId && p.status !== 'paid') continue;
    out.expected.push({ id: p.balanceTransactionId, account: p.account, type: 'payout', amount: -p.amount, source: p.id });
    if ((p.status === 'failed' || p.status === 'canceled') && p.failureBalanceTransactionId) {
      out.expected.push({
        id: p.failureBalanceTransactionId,
        account: p.account,
        type: p.status === 'failed' ? 'payout_failure' : 'payout_cancel',
        amount: p.amount,
        source: p.id,
      });
    }
  }
  return out;
}

/** Every difference between what the producers say and what the ledger holds. */
export function mismatches(expectations: Expectations, ledger: LedgerEntry[]): string[] {
  const problems: string[] = [];
  const byId = new Map(ledger.map((e) => [e.id, e]));
  const claimed = new Set<string>();
  for (const want of expectations.expected) {
    claimed.add(want.id);
    const got = byId.get(want.id);
    if (!got) {
      problems.push(`missing ${want.type} entry ${want.id} for ${want.source} (${want.amount}) in ${want.account}`);
      continue;
    }
    if (got.type !== want.type || got.amount !== want.amount || got.source !== want.source || got.account !== want.account) {
      problems.push(`entry ${want.id} is ${got.type} ${got.amount} for ${got.source} in ${got.account}; ${want.source} expects ${want.type} ${want.amount} in ${want.account}`);
    }
  }
  for (const f of expectations.forbidden) {
    claimed.add(f.id);
    if (byId.has(f.id)) problems.push(`entry ${f.id} exists but ${f.why}`);
  }
  const inFlight = new Set(expectations.inFlight);
  for (const e of ledger) {
    if (!claimed.has(e.id) && !(e.source && inFlight.has(e.source))) problems.push(`entry ${e.id} (${e.type} ${e.amount} for ${e.source}) matches no producer record`);
  }
  const perSource = new Map<string, number>();
  for (const e of ledger) {
    const key = `${e.type} ${e.source}`;
    perSource.set(key, (perSource.get(key) ?? 0) + 1);
  }
  for (const [key, count] of perSource) if (count > 1) problems.push(`${count} entries for ${key}`);
  return problems;
}

async function rows<T>(database: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function checkLedger(account?: string): Promise<{ problems: string[]; counts: Record<string, number> }> {
  const where = account ? 'WHERE account = $1' : '';
  const params = account ? [account] : [];
  const charges = await rows<ChargeRecord>(serviceDatabase('charge'), `SELECT id, account, status, amount_captured AS "amountCaptured", balance_transaction_id AS "balanceTransactionId" FROM charges ${where}`, params);
  const refunds = await rows<RefundRecord>(
    serviceDatabase('refund'),
    `SELECT id, account, status, amount, settlement, balance_transaction_id AS "balanceTransactionId", failure_balance_transaction_id AS "failureBalanceTransactionId" FROM refunds ${where}`,
    params,
  );
  const payouts = await rows<PayoutRecord>(
    serviceDatabase('payout'),
    `SELECT id, account, status, amount, original_payout_id AS "originalPayoutId", balance_transaction_id AS "balanceTransactionId", failure_balance_transaction_id AS "failureBalanceTransactionId" FROM payouts ${where}`,
    params,
  );
  const ledger = await rows<LedgerEntry>(serviceDatabase('balance'), `SELECT id, account, type, amount, source FROM balance_transactions ${where}`, params);
  const expectations = expectationsOf(charges, refunds, payouts);
  return {
    problems: mismatches(expectations, ledger),
    counts: { charges: charges.length, refunds: refunds.length, payouts: payouts.length, entries: ledger.length, inFlight: expectations.inFlight.length },
  };
}

if (require.main === module) {
  const options = new Command('ledger:check')
    .description('compare charges, refunds and payouts with the balance ledger; exit 1 on any mismatch')
    .option('--account <id>', 'only this account (acct_…)')
    .parse()
    .opts<{ account?: string }>();
  checkLedger(options.account).then(
    ({ problems, counts }) => {
      console.log(`checked ${counts.charges} charges, ${counts.refunds} refunds, ${counts.payouts} payouts against ${counts.entries} ledger entries (${counts.inFlight} in flight)`);
      for (const p of problems) console.log(`MISMATCH ${p}`);
      process.exit(problems.length ? 1 : 0);
    },
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
