import { entityRef, type EntityRef, fail, type ListArgs, listPage, type Metadata, type Page } from '@paygate/chassis';
import {
  parseCheckoutSessionMode,
  parseCheckoutSessionPaymentStatus,
  parseCheckoutSessionStatus,
  type CheckoutSessionMode,
  type CheckoutSessionPaymentStatus,
  type CheckoutSessionStatus,
} from '../domain/checkout-session-status';
import type { PrismaClient } from './client';
import type { CheckoutSession as CheckoutSessionRow, Prisma } from './generated/client';

export interface AddressNode {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  state: string | null;
}

export interface CustomerDetailsNode {
  address: AddressNode | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  taxExempt: string | null;
}

/** The session as the graph shows it (GraphQL `CheckoutSession`). */
export interface CheckoutSessionNode {
  id: string;
  created: number;
  livemode: false;
  expiresAt: number;
  mode: CheckoutSessionMode;
  status: CheckoutSessionStatus;
  paymentStatus: CheckoutSessionPaymentStatus;
  amountSubtotal: number | null;
  amountTotal: number | null;
  currency: string | null;
  customer: EntityRef<'Customer'> | null;
  customerEmail: string | null;
  customerDetails: CustomerDetailsNode | null;
  customerCreation: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  locale: string | null;
  submitType: string | null;
  billingAddressCollection: string | null;
  paymentMethodTypes: string[];
  paymentIntent: EntityRef<'PaymentIntent'> | null;
  invoice: EntityRef<'Invoice'> | null;
  metadata: Metadata;
}

export function toCheckoutSessionNode(row: CheckoutSessionRow): CheckoutSessionNode {
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    expiresAt: row.expiresAt,
    mode: parseCheckoutSessionMode(row.mode),
    status: parseCheckoutSessionStatus(row.status),
    paymentStatus: parseCheckoutSessionPaymentStatus(row.paymentStatus),
    amountSubtotal: row.amountSubtotal,
    amountTotal: row.amountTotal,
    currency: row.currency,
    customer: entityRef('Customer', row.customerId),
    customerEmail: row.customerEmail,
    customerDetails: row.customerDetails as CustomerDetailsNode | null,
    customerCreation: row.customerCreation,
    clientReferenceId: row.clientReferenceId,
    successUrl: row.successUrl,
    cancelUrl: row.cancelUrl,
    locale: row.locale,
    submitType: row.submitType,
    billingAddressCollection: row.billingAddressCollection,
    paymentMethodTypes: row.paymentMethodTypes,
    paymentIntent: entityRef('PaymentIntent', row.paymentIntentId),
    invoice: entityRef('Invoice', row.invoiceId),
    metadata: row.metadata as Metadata,
  };
}

/** Checkout session reads. Every read is scoped to the calling account. */
export class CheckoutSessionStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** A session of this account, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<CheckoutSessionNode | null> {
    const row = await this.prisma.checkoutSession.findFirst({ where: { id, account } });
    return row ? toCheckoutSessionNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<CheckoutSessionNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('checkout session', id);
    return node;
  }

  /** Newest first. */
  list(account: string, args: ListArgs): Promise<Page<CheckoutSessionNode>> {
    return this.page({ account }, args);
  }

  /** One customer's sessions, newest first (Customer.checkoutSessions). */
  listForCustomer(account: string, customerId: string, args: ListArgs): Promise<Page<CheckoutSessionNode>> {
    return this.page({ account, customerId }, args);
  }

  private async page(where: Prisma.CheckoutSessionWhereInput, args: ListArgs): Promise<Page<CheckoutSessionNode>> {
    return listPage(this.prisma.checkoutSession, { where, kind: 'checkout session', toNode: toCheckoutSessionNode }, args);
  }
}
