import { buildEvent, listPage, newId, PaygateError, timestampRange, writeOutboxEvent, type ListArgs, type Metadata, type Page, type TimestampRange } from '@paygate/chassis';
import { runningBalances, type BalanceEntry, type BalanceHolder, type BalanceTransactionType } from '../domain/customer-balance';
import type { CustomerTx, PrismaClient } from './client';
import { Prisma, type CustomerBalanceTransaction as BalanceTransactionRow, type InvoiceBalanceApplication as ApplicationRow } from './generated/client';

export type { ApplicationRow, BalanceTransactionRow };

/** The balance transaction as the graph shows it (GraphQL `CustomerBalanceTransaction`), references as stubs. */
export interface BalanceTransactionNode {
  id: string;
  amount: number;
  created: number;
  currency: string;
  customer: { id: string };
  description: string | null;
  endingBalance: number;
  invoice: { __typename: 'Invoice'; id: string } | null;
  livemode: false;
  metadata: Metadata;
  type: BalanceTransactionType;
}

export function toBalanceTransactionNode(row: BalanceTransactionRow): BalanceTransactionNode {
  return {
    id: row.id,
    amount: row.amount,
    created: row.created,
    currency: row.currency,
    customer: { id: row.customerId },
    description: row.description,
    endingBalance: row.endingBalance,
    invoice: row.invoiceId ? { __typename: 'Invoice', id: row.invoiceId } : null,
    livemode: false,
    metadata: row.metadata as Metadata,
    type: row.type as BalanceTransactionType,
  };
}

/** An entry to book, with what the transaction carries besides its amount. */
export interface NewBalanceEntry extends BalanceEntry {
  /** Pre-assigned when the caller records it first (an Idempotency-Key's claim); minted otherwise. */
  id?: string;
  invoiceId?: string | null;
  description?: string | null;
  metadata?: Metadata;
}

/**
 * Appends `entries` to a customer's balance, whose row the caller holds locked (FOR UPDATE): each
 * gets its ending_balance as the running sum from `customer.balance`, and its
 * customer_balance_transaction.created event in the same transaction. The caller moves the
 * customer's own balance to the last ending_balance.
 */
export async function appendBalanceTransactions(
  tx: CustomerTx,
  account: string,
  customer: BalanceHolder,
  currency: string,
  entries: readonly NewBalanceEntry[],
  created: number,
): Promise<BalanceTransactionRow[]> {
  const endings = runningBalances(customer.balance, entries);
  const rows: BalanceTransactionRow[] = [];
  for (const [i, entry] of entries.entries()) {
    const row = await tx.customerBalanceTransaction.create({
      data: {
        id: entry.id ?? newId('customerBalanceTransaction'),
        account,
        customerId: customer.id,
        created,
        type: entry.type,
        amount: entry.amount,
        currency,
        endingBalance: endings[i]!,
        description: entry.description ?? null,
        invoiceId: entry.invoiceId ?? null,
        metadata: (entry.metadata ?? {}) as Prisma.InputJsonValue,
      },
    });
    const node = toBalanceTransactionNode(row);
    await writeOutboxEvent(tx, buildEvent('customer_balance_transaction.created', account, { object: 'customer_balance_transaction', ...node, customer: node.customer.id, invoice: row.invoiceId }, created));
    rows.push(row);
  }
  return rows;
}

/** Whether this account has the customer, deleted or not (reads of its transactions stay possible). */
export async function customerExists(db: PrismaClient | CustomerTx, account: string, id: string): Promise<boolean> {
  return (await db.customer.findFirst({ where: { id, account }, select: { id: true } })) !== null;
}

/** By id alone within the account (federation references). */
export function findAccountBalanceTransaction(db: PrismaClient, account: string, id: string): Promise<BalanceTransactionRow | null> {
  return db.customerBalanceTransaction.findFirst({ where: { id, account } });
}

export function findBalanceTransaction(db: PrismaClient | CustomerTx, account: string, customerId: string, id: string): Promise<BalanceTransactionRow | null> {
  return db.customerBalanceTransaction.findFirst({ where: { id, account, customerId } });
}

/** A customer's balance transaction by id, locked against a concurrent edit of its description or metadata. */
export async function lockBalanceTransaction(tx: CustomerTx, account: string, customerId: string, id: string): Promise<BalanceTransactionRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM customer_balance_transactions WHERE id = $1 AND account = $2 AND customer_id = $3 FOR UPDATE', id, account, customerId);
  return findBalanceTransaction(tx, account, customerId, id);
}

export function updateBalanceTransactionFields(tx: CustomerTx, id: string, fields: { description: string | null; metadata: Metadata }): Promise<BalanceTransactionRow> {
  return tx.customerBalanceTransaction.update({ where: { id }, data: { description: fields.description, metadata: fields.metadata as Prisma.InputJsonValue } });
}

export function findInvoiceEntry(tx: CustomerTx, invoiceId: string, type: BalanceTransactionType): Promise<BalanceTransactionRow | null> {
  return tx.customerBalanceTransaction.findUnique({ where: { invoiceId_type: { invoiceId, type } } });
}

export interface BalanceTransactionListFilter {
  invoice?: string | null;
  created?: TimestampRange | null;
}

/** Newest first; `invoice` narrows to one invoice's entries, `created` to a time range. */
export function listBalanceTransactions(db: PrismaClient, account: string, customerId: string, args: ListArgs & BalanceTransactionListFilter): Promise<Page<BalanceTransactionNode>> {
  const created = timestampRange(args.created, 'created');
  const where: Prisma.CustomerBalanceTransactionWhereInput = { account, customerId, ...(args.invoice ? { invoiceId: args.invoice } : {}), ...(created ? { created } : {}) };
  return listPage(db.customerBalanceTransaction, { where, kind: 'customer balance transaction', toNode: toBalanceTransactionNode }, args);
}

/** Moves the (locked) customer's balance, and sets its currency. */
export function setCustomerBalance(tx: CustomerTx, id: string, balance: number, currency: string) {
  return tx.customer.update({ where: { id }, data: { balance, currency } });
}

export function findInvoiceApplication(tx: CustomerTx, invoiceId: string): Promise<ApplicationRow | null> {
  return tx.invoiceBalanceApplication.findUnique({ where: { invoiceId } });
}

/** The invoice's outcome row; one already there (a concurrent call for another customer) is the caller's conflict. */
export async function insertInvoiceApplication(tx: CustomerTx, data: Prisma.InvoiceBalanceApplicationUncheckedCreateInput): Promise<ApplicationRow> {
  try {
    return await tx.invoiceBalanceApplication.create({ data });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new PaygateError('invalid_request', `The customer balance of invoice ${data.invoiceId} is being settled by another request.`, { param: 'invoice' });
    }
    throw err;
  }
}

export function markInvoiceApplicationReleased(tx: CustomerTx, invoiceId: string, release: { startingBalance: number; endingBalance: number }): Promise<ApplicationRow> {
  return tx.invoiceBalanceApplication.update({
    where: { invoiceId },
    data: { releasedAt: new Date(), releaseStartingBalance: release.startingBalance, releaseEndingBalance: release.endingBalance },
  });
}
