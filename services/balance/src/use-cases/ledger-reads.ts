import { fail, requireServiceCaller, type ListArgs, type Page, type SubgraphContext } from '@paygate/chassis';
import { findEntry, listEntries, sumBalances, toBalanceTransactionNode, type BalanceTransactionListFilter, type BalanceTransactionNode } from '../db/ledger';
import type { CurrencyBalance } from '../domain/ledger';
import type { BalanceDeps } from './deps';

type Caller = Pick<SubgraphContext, 'account' | 'keyType'>;

/**
 * The balance as of `at` (unix seconds; default: the clock): the ledger booked so far, split into
 * available (available_on ≤ at) and pending. `at` is service-only — a test or another service may ask
 * when pending funds become available without waiting; a merchant sees the balance now.
 */
export async function balanceOf(deps: BalanceDeps, caller: Caller, at: number | null | undefined): Promise<CurrencyBalance[]> {
  if (at !== null && at !== undefined) {
    requireServiceCaller(caller);
    if (!Number.isSafeInteger(at) || at < 0) throw fail.invalid('at', 'at is a unix timestamp in seconds.');
  }
  return sumBalances(deps.prisma, caller.account, at ?? deps.clock());
}

/** For federation: an unknown or foreign id resolves to null, not an error. */
export async function findBalanceTransaction(deps: BalanceDeps, account: string, id: string): Promise<BalanceTransactionNode | null> {
  const row = await findEntry(deps.prisma, account, id);
  return row ? toBalanceTransactionNode(row, deps.clock()) : null;
}

export async function retrieveBalanceTransaction(deps: BalanceDeps, caller: Caller, id: string): Promise<BalanceTransactionNode> {
  const node = await findBalanceTransaction(deps, caller.account, id);
  if (!node) throw fail.missing('balance transaction', id);
  return node;
}

export async function listBalanceTransactions(deps: BalanceDeps, caller: Caller, filter: BalanceTransactionListFilter, args: ListArgs): Promise<Page<BalanceTransactionNode>> {
  const page = await listEntries(deps.prisma, caller.account, filter, args);
  const now = deps.clock();
  return { data: page.data.map((row) => toBalanceTransactionNode(row, now)), hasMore: page.hasMore };
}
