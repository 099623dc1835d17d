import { type EntityRef, fail, type ListArgs, listPage, type Metadata, type Page } from '@paygate/chassis';
import type { PrismaClient } from './client';
import type { InvoiceItem as InvoiceItemRow } from './generated/client';

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


/** Invoice item reads. Every read is scoped to the calling account. */
export class InvoiceItemStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** An invoice item of this account, or null. */
  async find(account: string, id: string): Promise<InvoiceItemNode | null> {
    const row = await this.prisma.invoiceItem.findFirst({ where: { id, account } });
    return row ? toInvoiceItemNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<InvoiceItemNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('invoice item', id);
    return node;
  }

  /** GET /v1/invoiceitems: newest first. */
  list(account: string, args: ListArgs): Promise<Page<InvoiceItemNode>> {
    return listPage(this.prisma.invoiceItem, { where: { account }, kind: 'invoice item', toNode: toInvoiceItemNode }, args);
  }

  /** An invoice's lines, in the order they were added (Invoice.lines). */
  listForInvoice(account: string, invoiceId: string, args: ListArgs): Promise<Page<InvoiceItemNode>> {
    return listPage(this.prisma.invoiceItem, { where: { account, invoiceId }, kind: 'invoice item', toNode: toInvoiceItemNode, order: 'oldest_first' }, args);
  }
}
