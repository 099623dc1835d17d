import { entityRef, type AddressNode, type EntityRef, type Metadata } from '@paygate/chassis';
import { amountRemaining } from '../domain/invoice-amounts';
import { isPaid, parseInvoiceCollectionMethod, parseInvoiceStatus, type InvoiceCollectionMethod, type InvoiceStatus } from '../domain/invoice-status';
import type { Invoice as InvoiceRow } from './generated/client';

export type { InvoiceRow };

export type { AddressNode };

export interface CustomerShippingNode {
  address: AddressNode | null;
  name: string | null;
  phone: string | null;
}

/** The invoice as the graph shows it (GraphQL `Invoice`); event payloads carry the same object. */
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
  customerShipping: CustomerShippingNode | null;
  customerTaxExempt: string | null;
  currency: string;
  collectionMethod: InvoiceCollectionMethod;
  autoAdvance: boolean;
  automaticallyFinalizesAt: number | null;
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
  amountPaidOffStripe: number;
  amountRemaining: number;
  attemptCount: number;
  attempted: boolean;
  paid: boolean;
  paidOutOfBand: boolean;
  charge: EntityRef<'Charge'> | null;
  paymentIntent: EntityRef<'PaymentIntent'> | null;
  defaultPaymentMethod: EntityRef<'PaymentMethod'> | null;
  hostedInvoiceUrl: string | null;
  sentAt: number | null;
  statusTransitions: { finalizedAt: number | null; markedUncollectibleAt: number | null; paidAt: number | null; voidedAt: number | null };
  metadata: Metadata;
}

/** Where the hosted invoice page lives (rest-edge/src/pages/invoice.ts): /i/<invoice id>. */
export const HOSTED_INVOICE_PATH = '/i';

/** The hosted page's address: the edge's public URL, the invoice, its account and its secret (not a merchant key). */
export function hostedInvoiceUrl(publicUrl: string, row: Pick<InvoiceRow, 'id' | 'account' | 'hostedSecret'>): string | null {
  if (!row.hostedSecret) return null;
  const query = new URLSearchParams({ merchant: row.account, secret: row.hostedSecret });
  return `${publicUrl.replace(/\/+$/, '')}${HOSTED_INVOICE_PATH}/${row.id}?${query.toString()}`;
}

export function toInvoiceNode(row: InvoiceRow, publicUrl: string): InvoiceNode {
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
    customerShipping: row.customerShipping as CustomerShippingNode | null,
    customerTaxExempt: row.customerTaxExempt,
    currency: row.currency,
    collectionMethod: parseInvoiceCollectionMethod(row.collectionMethod),
    autoAdvance: row.autoAdvance,
    automaticallyFinalizesAt: status === 'draft' ? row.automaticallyFinalizesAt : null,
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
    amountPaidOffStripe: row.paidOutOfBand ? row.amountPaid : 0,
    amountRemaining: amountRemaining(row.amountDue, row.amountPaid),
    attemptCount: row.attemptCount,
    attempted: row.attempted,
    paid: isPaid(status),
    paidOutOfBand: row.paidOutOfBand,
    charge: entityRef('Charge', row.chargeId),
    paymentIntent: entityRef('PaymentIntent', row.paymentIntentId),
    defaultPaymentMethod: entityRef('PaymentMethod', row.defaultPaymentMethod),
    hostedInvoiceUrl: hostedInvoiceUrl(publicUrl, row),
    sentAt: row.sentAt,
    statusTransitions: {
      finalizedAt: row.finalizedAt,
      markedUncollectibleAt: row.markedUncollectibleAt,
      paidAt: row.paidAt,
      voidedAt: row.voidedAt,
    },
    metadata: row.metadata as Metadata,
  };
}
