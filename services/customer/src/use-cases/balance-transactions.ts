import { fail, idempotently, mergeMetadata, newId, parseCurrency, requireSecretCaller, type ListArgs, type Metadata, type Page } from '@paygate/chassis';
import type { CustomerTx } from '../db/client';
import {
  customerExists,
  findAccountBalanceTransaction,
  findBalanceTransaction,
  listBalanceTransactions,
  lockBalanceTransaction,
  toBalanceTransactionNode,
  updateBalanceTransactionFields,
  type BalanceTransactionListFilter,
  type BalanceTransactionNode,
} from '../db/balance-transactions';
import { BALANCE_TX_OPTIONS, lockLiveCustomer } from '../db/customers';
import { adjustmentCurrency, assertAdjustmentAmount, assertDescription } from '../domain/customer-balance';
import { moveBalance, type BalanceDeps, type Caller } from './move-balance';

/** GraphQL `CustomerBalanceTransactionCreateInput`. */
export interface BalanceTransactionCreateParams {
  amount: number;
  currency: string;
  description?: string | null;
  metadata?: Record<string, string> | null;
}

/** GraphQL `CustomerBalanceTransactionUpdateInput`: only these two ever change (the ledger is append-only). */
export interface BalanceTransactionUpdateParams {
  description?: string | null;
  metadata?: Record<string, string> | null;
}

const missingTransaction = (id: string) => fail.missing('customer balance transaction', id, 'transaction');

async function transactionOrThrow(db: BalanceDeps['prisma'] | CustomerTx, account: string, customer: string, id: string): Promise<BalanceTransactionNode> {
  const row = await findBalanceTransaction(db, account, customer, id);
  if (!row) throw missingTransaction(id);
  return toBalanceTransactionNode(row);
}

/** A customer of this account, deleted or not (reads); 404 on `customer` otherwise. */
async function assertCustomer(db: BalanceDeps['prisma'] | CustomerTx, account: string, customer: string): Promise<void> {
  if (!(await customerExists(db, account, customer))) throw fail.missing('customer', customer, 'customer');
}

/**
 * POST /v1/customers/:id/balance_transactions: an `adjustment` of the customer's balance, booked under
 * the customer's row lock (concurrent adjustments queue and sum), with its Idempotency-Key, its
 * customer_balance_transaction.created and customer.updated events, in one transaction.
 */
export async function createBalanceTransaction(deps: BalanceDeps, caller: Caller, customerId: string, input: BalanceTransactionCreateParams): Promise<BalanceTransactionNode> {
  requireSecretCaller(caller);
  assertAdjustmentAmount(input.amount);
  assertDescription(input.description);
  const currency = parseCurrency(input.currency);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  const { account } = caller;
  const node = await deps.prisma.$transaction(async (tx) => {
    const customer = await lockLiveCustomer(tx, account, customerId, 'customer');
    const id = newId('customerBalanceTransaction');
    const claim = { account, key: caller.idempotencyKey, operation: 'customer_balance_transaction.create', objectId: id };
    return idempotently(tx, claim, (existing) => transactionOrThrow(tx, account, customerId, existing), async () => {
      const booked = adjustmentCurrency(customer, currency);
      const entry = { id, type: 'adjustment' as const, amount: input.amount, description: input.description ?? null, metadata };
      const { transactions } = await moveBalance(tx, customer, booked, [entry], deps.clock());
      return toBalanceTransactionNode(transactions[0]!);
    });
  }, BALANCE_TX_OPTIONS);
  deps.afterCommit();
  return node;
}

/** POST /v1/customers/:id/balance_transactions/:txn: description and metadata only (metadata merges, '' removes a key). */
export async function updateBalanceTransaction(deps: BalanceDeps, caller: Caller, customerId: string, id: string, input: BalanceTransactionUpdateParams): Promise<BalanceTransactionNode> {
  requireSecretCaller(caller);
  assertDescription(input.description);
  const { account } = caller;
  return deps.prisma.$transaction(async (tx) => {
    await assertCustomer(tx, account, customerId);
    const row = await lockBalanceTransaction(tx, account, customerId, id);
    if (!row) throw missingTransaction(id);
    const has = (key: keyof BalanceTransactionUpdateParams) => Object.prototype.hasOwnProperty.call(input, key);
    const description = has('description') ? (input.description ?? null) : row.description;
    const metadata = has('metadata') ? mergeMetadata(row.metadata as Metadata, input.metadata ?? null) : (row.metadata as Metadata);
    return toBalanceTransactionNode(await updateBalanceTransactionFields(tx, id, { description, metadata }));
  });
}

export async function retrieveBalanceTransaction(deps: BalanceDeps, caller: Caller, customerId: string, id: string): Promise<BalanceTransactionNode> {
  requireSecretCaller(caller);
  await assertCustomer(deps.prisma, caller.account, customerId);
  return transactionOrThrow(deps.prisma, caller.account, customerId, id);
}

/** GET /v1/customers/:id/balance_transactions: newest first, 404 for a customer that is not the caller's. */
export async function listCustomerBalanceTransactions(deps: BalanceDeps, caller: Caller, customerId: string, args: ListArgs & BalanceTransactionListFilter): Promise<Page<BalanceTransactionNode>> {
  requireSecretCaller(caller);
  await assertCustomer(deps.prisma, caller.account, customerId);
  return listBalanceTransactions(deps.prisma, caller.account, customerId, args);
}

/** Customer.balanceTransactions: the customer is already resolved (and the caller's). */
export function balanceTransactionsOf(deps: BalanceDeps, caller: Caller, customerId: string, args: ListArgs & BalanceTransactionListFilter): Promise<Page<BalanceTransactionNode>> {
  requireSecretCaller(caller);
  return listBalanceTransactions(deps.prisma, caller.account, customerId, args);
}

/** For references (CustomerBalanceTransaction.__resolveReference): null when not this account's. */
export async function findBalanceTransactionNode(deps: BalanceDeps, account: string, id: string): Promise<BalanceTransactionNode | null> {
  const row = await findAccountBalanceTransaction(deps.prisma, account, id);
  return row ? toBalanceTransactionNode(row) : null;
}
