import { entityRef, type AddressNode, type EntityRef, type Metadata } from '@paygate/chassis';
import { checkoutPageUrl } from '../domain/checkout-page';
import type { PaymentIntentData } from '../domain/checkout-session-params';
import {
  parseCheckoutSessionMode,
  parseCheckoutSessionPaymentStatus,
  parseCheckoutSessionStatus,
  type CheckoutSessionMode,
  type CheckoutSessionPaymentStatus,
  type CheckoutSessionStatus,
} from '../domain/checkout-session-status';
import type { CheckoutSession as CheckoutSessionRow, CheckoutSessionLineItem as LineItemRow } from './generated/client';

export type { CheckoutSessionRow, LineItemRow };

export type { AddressNode };

export interface CustomerDetailsNode {
  address: AddressNode | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  taxExempt: string | null;
}

/** The session as the graph shows it (GraphQL `CheckoutSession`); events carry it too, so it never holds the page secret. */
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
  paymentIntentData: PaymentIntentData | null;
  /** The hosted page while open; null once complete or expired (Stripe's url). */
  url: string | null;
}

/** `publicUrl` is the edge's public address, where the session's page lives. */
export function toCheckoutSessionNode(row: CheckoutSessionRow, publicUrl: string): CheckoutSessionNode {
  const status = parseCheckoutSessionStatus(row.status);
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    expiresAt: row.expiresAt,
    mode: parseCheckoutSessionMode(row.mode),
    status,
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
    paymentIntentData: row.paymentIntentData as PaymentIntentData | null,
    url: status === 'open' && row.pageSecret ? checkoutPageUrl(publicUrl, { id: row.id, account: row.account, pageSecret: row.pageSecret }) : null,
  };
}

/** A line as the graph shows it (GraphQL `CheckoutSessionLineItem`, Stripe's `item`). */
export interface CheckoutSessionLineItemNode {
  id: string;
  description: string;
  productDescription: string | null;
  price: { id: string | null; created: number; unitAmount: number; currency: string; product: string | null };
  quantity: number;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  currency: string;
}

/** `created` is the session's: its inline prices were made with it. */
export function toCheckoutSessionLineItemNode(row: LineItemRow, created: number): CheckoutSessionLineItemNode {
  return {
    id: row.id,
    description: row.description,
    productDescription: row.productDescription,
    price: { id: row.priceId, created, unitAmount: row.unitAmount, currency: row.currency, product: row.productId },
    quantity: row.quantity,
    amountSubtotal: row.amountSubtotal,
    amountDiscount: row.amountDiscount,
    amountTax: row.amountTax,
    amountTotal: row.amountTotal,
    currency: row.currency,
  };
}
