import { entityRef, type EntityRef, fail, type ListArgs, listPage, type Metadata, type Page } from '@paygate/chassis';
import { amountRemaining } from '../domain/invoice-amounts';
import { isPaid, parseInvoiceCollectionMethod, parseInvoiceStatus, type InvoiceCollectionMethod, type InvoiceStatus } from '../domain/invoice-status';
import type { PrismaClient } from './client';
import type { Invoice as InvoiceRow, Prisma } from './generated/client';

export interface AddressNode {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  state: string | null;
}

/** The invoice as the graph shows it (GraphQL `Invoice`). */
export interface InvoiceNode {
  id: string;
  created: number;
  livemode: false;
  status: InvoiceStatus;
  number: string | null;
  customer: EntityRef<'Customer'>;
  customerEmail: string | null;
  customerName: string | null;
  customerPhone: string | null;
  customerAddress: AddressNode | null;
  currency: string;
  collectionMethod: InvoiceCollectionMethod;
  autoAdvance: boolean;
  billingReason: string | null;
  description: string | null;
  footer: string | null;
  statementDescriptor: string | null;
  dueDate: number | null;
  periodStart: number;
  periodEnd: number;
  subtotal: number;
  total: number;
  startingBalance: number;
  endingBalance: number | null;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  attemptCount: number;
  attempted: boolean;
  paid: boolean;
  paidOutOfBand: boolean;
  charge: EntityRef<'Charge'> | null;
  paymentIntent: EntityRef<'PaymentIntent'> | null;
  statusTransitions: { finalizedAt: number | null; markedUncollectibleAt: number | null; paidAt: number | null; voidedAt: number | null };
  metadata: Metadata;
}

export function toInvoiceNode(row: InvoiceRow): InvoiceNode {
  const status = parseInvoiceStatus(row.status);
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    status,
    number: row.number,
    customer: { __typename: 'Customer', id: row.customerId },
    customerEmail: row.customerEmail,
    customerName: row.customerName,
    customerPhone: row.customerPhone,
    customerAddress: row.customerAddress as AddressNode | null,
    currency: row.currency,
    collectionMethod: parseInvoiceCollectionMethod(row.collectionMethod),
    autoAdvance: row.autoAdvance,
    billingReason: row.billingReason,
    description: row.description,
    footer: row.footer,
    statementDescriptor: row.statementDescriptor,
    dueDate: row.dueDate,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    subtotal: row.subtotal,
    total: row.total,
    startingBalance: row.startingBalance,
    endingBalance: row.endingBalance,
    amountDue: row.amountDue,
    amountPaid: row.amountPaid,
    amountRemaining: amountRemaining(row.amountDue, row.amountPaid),
    attemptCount: row.attemptCount,
    attempted: row.attempted,
    paid: isPaid(status),
    paidOutOfBand: row.paidOutOfBand,
    charge: entityRef('Charge', row.chargeId),
    paymentIntent: entityRef('PaymentIntent', row.paymentIntentId),
    statusTransitions: {
      finalizedAt: row.finalizedAt,
      markedUncollectibleAt: row.markedUncollectibleAt,
      paidAt: row.paidAt,
      voidedAt: row.voidedAt,
    },
    metadata: row.metadata as Metadata,
  };
}

/** Invoice reads. Every read is scoped to the calling account. */
export class InvoiceStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** An invoice of this account, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<InvoiceNode | null> {
    const row = await this.prisma.invoice.findFirst({ where: { id, account } });
    return row ? toInvoiceNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<InvoiceNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('invoice', id);
    return node;
  }

  /** Newest first. */
  list(account: string, args: ListArgs): Promise<Page<InvoiceNode>> {
    return this.page({ account }, args);
  }

  /** One customer's invoices, newest first (Customer.invoices). */
  listForCustomer(account: string, customerId: string, args: ListArgs): Promise<Page<InvoiceNode>> {
    return this.page({ account, customerId }, args);
  }

  private async page(where: Prisma.InvoiceWhereInput, args: ListArgs): Promise<Page<InvoiceNode>> {
    return listPage(this.prisma.invoice, { where, kind: 'invoice', toNode: toInvoiceNode }, args);
  }
}
