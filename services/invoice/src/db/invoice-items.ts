import { type EntityRef, fail, type ListArgs, type Metadata, oldestFirst, type Page, paginate } from '@paygate/chassis';
import type { PrismaClient } from './client';
import type { InvoiceItem as InvoiceItemRow, Prisma } from './generated/client';

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

type SeqBound = { lt: bigint } | { gt: bigint } | undefined;

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
    return this.page({ account }, args, (seq, direction) => ({ seq, direction }));
  }

  /** An invoice's lines, in the order they were added (Invoice.lines). */
  listForInvoice(account: string, invoiceId: string, args: ListArgs): Promise<Page<InvoiceItemNode>> {
    return this.page({ account, invoiceId }, args, oldestFirst);
  }

  private async page(
    where: Prisma.InvoiceItemWhereInput,
    args: ListArgs,
    order: (seq: SeqBound, direction: 'asc' | 'desc') => { seq: SeqBound; direction: 'asc' | 'desc' },
  ): Promise<Page<InvoiceItemNode>> {
    const page = await paginate(
      args,
      'invoice item',
      async (cursorId) => (await this.prisma.invoiceItem.findFirst({ where: { ...where, id: cursorId }, select: { seq: true } }))?.seq ?? null,
      (bound, direction, take) => {
        const read = order(bound, direction);
        return this.prisma.invoiceItem.findMany({ where: { ...where, ...(read.seq ? { seq: read.seq } : {}) }, orderBy: { seq: read.direction }, take });
      },
    );
    return { data: page.data.map(toInvoiceItemNode), hasMore: page.hasMore };
  }
}
