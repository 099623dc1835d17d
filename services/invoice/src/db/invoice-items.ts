import { type EntityRef, type ListArgs, listPage, type Metadata, type Page, timestampRange, type TimestampRange } from '@paygate/chassis';
import { invoiceItemIdOfLine, lineItemId } from '../domain/invoice-number';
import type { InvoiceTx, PrismaClient } from './client';
import type { InvoiceItem as InvoiceItemRow, Prisma } from './generated/client';

export type { InvoiceItemRow };
type Db = PrismaClient | InvoiceTx;

/** The invoice item as the graph shows it (GraphQL `InvoiceItem`); invoiceId backs the `invoice` field. */
export interface InvoiceItemNode {
  id: string;
  date: number;
  livemode: false;
  customer: EntityRef<'Customer'>;
  invoiceId: string | null;
  amount: number;
  currency: string;
  unitAmount: number | null;
  quantity: number;
  description: string | null;
  discountable: boolean;
  proration: boolean;
  period: { start: number; end: number };
  metadata: Metadata;
}

/** One line of an invoice (GraphQL `InvoiceLineItem`): the invoice item it shows, under its line id. */
export interface InvoiceLineItemNode extends Omit<InvoiceItemNode, 'id' | 'date' | 'customer' | 'invoiceId'> {
  id: string;
  invoiceItem: InvoiceItemNode;
  invoice: string;
}

export function toInvoiceItemNode(row: InvoiceItemRow): InvoiceItemNode {
  return {
    id: row.id,
    date: row.created,
    livemode: false,
    customer: { __typename: 'Customer', id: row.customerId },
    invoiceId: row.invoiceId,
    amount: row.amount,
    currency: row.currency,
    unitAmount: row.unitAmount,
    quantity: row.quantity,
    description: row.description,
    discountable: row.discountable,
    proration: row.proration,
    period: { start: row.periodStart, end: row.periodEnd },
    metadata: row.metadata as Metadata,
  };
}

export function toLineItemNode(row: InvoiceItemRow): InvoiceLineItemNode {
  const item = toInvoiceItemNode(row);
  const { id, date: _date, customer: _customer, invoiceId, ...line } = item;
  return { ...line, id: lineItemId(id), invoiceItem: item, invoice: invoiceId! };
}

export type NewInvoiceItem = Omit<Prisma.InvoiceItemUncheckedCreateInput, 'seq' | 'updatedAt'>;

export function insertInvoiceItem(tx: InvoiceTx, data: NewInvoiceItem): Promise<InvoiceItemRow> {
  return tx.invoiceItem.create({ data });
}

export function findInvoiceItem(db: Db, account: string, id: string): Promise<InvoiceItemRow | null> {
  return db.invoiceItem.findFirst({ where: { id, account } });
}

export async function lockInvoiceItem(tx: InvoiceTx, account: string, id: string): Promise<InvoiceItemRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM invoice_items WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findInvoiceItem(tx, account, id);
}

export function updateLockedInvoiceItem(tx: InvoiceTx, id: string, data: Prisma.InvoiceItemUpdateInput): Promise<InvoiceItemRow> {
  return tx.invoiceItem.update({ where: { id }, data });
}

export async function deleteInvoiceItemRow(tx: InvoiceTx, id: string): Promise<void> {
  await tx.invoiceItem.delete({ where: { id } });
}

/** The customer's pending items in `currency` move onto the draft (pending_invoice_items_behavior=include). */
export async function attachPendingItems(tx: InvoiceTx, account: string, customerId: string, currency: string, invoiceId: string): Promise<number> {
  const { count } = await tx.invoiceItem.updateMany({ where: { account, customerId, currency, invoiceId: null }, data: { invoiceId } });
  return count;
}

/** A draft's items go back to pending when the draft is deleted (Stripe keeps them for the next invoice). */
export async function detachInvoiceItems(tx: InvoiceTx, invoiceId: string): Promise<void> {
  await tx.invoiceItem.updateMany({ where: { invoiceId }, data: { invoiceId: null } });
}

/** The sum of an invoice's lines (its subtotal). */
export async function invoiceItemsSum(db: Db, invoiceId: string): Promise<number> {
  const totals = await db.invoiceItem.aggregate({ where: { invoiceId }, _sum: { amount: true } });
  return totals._sum.amount ?? 0;
}

export interface InvoiceItemListFilter {
  customer?: string | null;
  invoice?: string | null;
  pending?: boolean | null;
  created?: TimestampRange | null;
}

/** GET /v1/invoiceitems: newest first, within the filter. */
export function listInvoiceItems(db: Db, account: string, filter: InvoiceItemListFilter | null | undefined, args: ListArgs): Promise<Page<InvoiceItemNode>> {
  const created = timestampRange(filter?.created, 'created');
  const where: Prisma.InvoiceItemWhereInput = {
    account,
    ...(filter?.customer ? { customerId: filter.customer } : {}),
    ...(filter?.invoice ? { invoiceId: filter.invoice } : {}),
    ...(filter?.pending === true ? { invoiceId: null } : filter?.pending === false ? { invoiceId: { not: null } } : {}),
    ...(created ? { created } : {}),
  };
  return listPage(db.invoiceItem, { where, kind: 'invoice item', toNode: toInvoiceItemNode }, args);
}

/** An invoice's lines, in the order they were added; cursors may be line (il_) or item (ii_) ids. */
export async function listLines(db: Db, account: string, invoiceId: string, args: ListArgs): Promise<Page<InvoiceLineItemNode> & { totalCount: number }> {
  const cursor = (id: string | null | undefined) => (id ? invoiceItemIdOfLine(id) : id);
  const where = { account, invoiceId };
  const [page, totalCount] = await Promise.all([
    listPage(db.invoiceItem, { where, kind: 'line item', toNode: toLineItemNode, order: 'oldest_first' }, { ...args, startingAfter: cursor(args.startingAfter), endingBefore: cursor(args.endingBefore) }),
    db.invoiceItem.count({ where }),
  ]);
  return { ...page, totalCount };
}
