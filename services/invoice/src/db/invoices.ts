import { type ListArgs, listPage, type Page, timestampRange, type TimestampRange } from '@paygate/chassis';
import type { InvoiceCollectionMethod, InvoiceStatus } from '../domain/invoice-status';
import type { InvoiceTx, PrismaClient } from './client';
import { Prisma } from './generated/client';
import type { AddressNode, CustomerShippingNode, InvoiceRow } from './invoice-node';

/** Persistence of invoices: rows in, rows out. The rules live in src/domain, the steps in src/use-cases. */
type Db = PrismaClient | InvoiceTx;

export type NewInvoice = Omit<Prisma.InvoiceUncheckedCreateInput, 'seq' | 'updatedAt'>;

export function insertInvoice(tx: InvoiceTx, data: NewInvoice): Promise<InvoiceRow> {
  return tx.invoice.create({ data });
}

/** What an invoice keeps of its customer (Stripe's customer_* fields): at creation, and again at finalization. */
export interface CustomerSnapshot {
  email: string | null;
  name: string | null;
  phone: string | null;
  taxExempt: string | null;
  address: AddressNode | null;
  shipping: CustomerShippingNode | null;
}

export function customerSnapshotColumns(customer: CustomerSnapshot) {
  return {
    customerEmail: customer.email,
    customerName: customer.name,
    customerPhone: customer.phone,
    customerTaxExempt: customer.taxExempt,
    customerAddress: customer.address ? (customer.address as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
    customerShipping: customer.shipping ? (customer.shipping as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
  };
}

/** An invoice of this account, or null (another account's id is simply not there). */
export function findInvoice(db: Db, account: string, id: string): Promise<InvoiceRow | null> {
  return db.invoice.findFirst({ where: { id, account } });
}

/** Holds the row until the transaction ends: finalize, pay, void and item changes of one invoice take turns. */
export async function lockInvoice(tx: InvoiceTx, account: string, id: string): Promise<InvoiceRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM invoices WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findInvoice(tx, account, id);
}

/** Changes to a row this transaction holds the lock of; named by the use case that makes them. */
export function updateLockedInvoice(tx: InvoiceTx, id: string, data: Prisma.InvoiceUpdateInput): Promise<InvoiceRow> {
  return tx.invoice.update({ where: { id }, data });
}

export async function deleteDraftInvoice(tx: InvoiceTx, id: string): Promise<void> {
  await tx.invoice.deleteMany({ where: { id, status: 'draft' satisfies InvoiceStatus } });
}

export interface InvoiceListFilter {
  customer?: string | null;
  status?: InvoiceStatus | null;
  collectionMethod?: InvoiceCollectionMethod | null;
  created?: TimestampRange | null;
  dueDate?: TimestampRange | null;
}

function listWhere(account: string, filter: InvoiceListFilter | null | undefined): Prisma.InvoiceWhereInput {
  const created = timestampRange(filter?.created, 'created');
  const dueDate = timestampRange(filter?.dueDate, 'due_date');
  return {
    account,
    ...(filter?.customer ? { customerId: filter.customer } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.collectionMethod ? { collectionMethod: filter.collectionMethod } : {}),
    ...(created ? { created } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
}

/** Newest first, within the filter (GET /v1/invoices, Customer.invoices). */
export function listInvoices<Node>(db: Db, account: string, filter: InvoiceListFilter | null | undefined, args: ListArgs, toNode: (row: InvoiceRow) => Node): Promise<Page<Node>> {
  return listPage(db.invoice, { where: listWhere(account, filter), kind: 'invoice', toNode }, args);
}

/** Search results, newest first, below the page token's seq. */
export function searchInvoiceRows(db: Db, where: Prisma.InvoiceWhereInput, belowSeq: bigint | null, take: number): Promise<InvoiceRow[]> {
  return db.invoice.findMany({ where: { AND: [where, belowSeq === null ? {} : { seq: { lt: belowSeq } }] }, orderBy: { seq: 'desc' }, take });
}

/** What the sweeper must look at by `now` (index on sweep_at), oldest due first; `account` narrows it (test mode). */
export function invoicesToSweep(db: Db, now: number, account: string | null, take: number): Promise<Pick<InvoiceRow, 'id' | 'account'>[]> {
  return db.invoice.findMany({
    where: { sweepAt: { lte: now }, ...(account ? { account } : {}) },
    orderBy: { sweepAt: 'asc' },
    take,
    select: { id: true, account: true },
  });
}

/** The next number of `prefix` in this account: one upsert, so two finalizations never share one (the row lock orders them). */
export async function takeInvoiceSequence(tx: InvoiceTx, account: string, prefix: string): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ last: number }[]>(
    `INSERT INTO invoice_number_sequences (account, prefix, last) VALUES ($1, $2, 1)
     ON CONFLICT (account, prefix) DO UPDATE SET last = invoice_number_sequences.last + 1
     RETURNING last`,
    account,
    prefix,
  );
  return row!.last;
}

/** Whether this Idempotency-Key already made `operation`'s effect on `objectId` (a retry finds the invoice as that effect left it). */
export async function madeWithKey(db: Db, account: string, key: string | null, operation: string, objectId: string): Promise<boolean> {
  if (!key) return false;
  const effect = await db.idempotentEffect.findUnique({ where: { account_key: { account, key } } });
  return effect !== null && effect.operation === operation && effect.objectId === objectId;
}
