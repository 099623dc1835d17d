import type { CustomerTx, PrismaClient } from '../db/client';
import { appendBalanceTransactions, setCustomerBalance, type BalanceTransactionRow, type NewBalanceEntry } from '../db/balance-transactions';
import { toCustomerNode, writeCustomerEvent } from '../db/customers';
import type { Customer as CustomerRow } from '../db/generated/client';

export type { Caller } from '@paygate/chassis';

/** What the balance use cases need: the database, the outbox nudge, and unix seconds now. */
export interface BalanceDeps {
  prisma: PrismaClient;
  afterCommit: () => void;
  clock: () => number;
}

/**
 * One step every balance change shares, inside the transaction that locked the customer's row: book
 * `entries` in `currency`, move the customer's balance to the last ending_balance (setting its
 * currency), and write customer.updated with the previous balance (and currency, when it changes).
 */
export async function moveBalance(
  tx: CustomerTx,
  customer: CustomerRow,
  currency: string,
  entries: readonly NewBalanceEntry[],
  created: number,
): Promise<{ transactions: BalanceTransactionRow[]; customer: CustomerRow }> {
  if (entries.length === 0) return { transactions: [], customer };
  const transactions = await appendBalanceTransactions(tx, customer.account, customer, currency, entries, created);
  const balance = transactions.at(-1)?.endingBalance ?? customer.balance;
  const previous: Record<string, unknown> = {};
  if (balance !== customer.balance) previous.balance = customer.balance;
  if (currency !== customer.currency) previous.currency = customer.currency;
  // Entries that cancel out (an owed balance applied, then carried back) leave the customer as it was.
  if (Object.keys(previous).length === 0) return { transactions, customer };
  const updated = await setCustomerBalance(tx, customer.id, balance, currency);
  await writeCustomerEvent(tx, 'customer.updated', customer.account, toCustomerNode(updated), previous);
  return { transactions, customer: updated };
}
