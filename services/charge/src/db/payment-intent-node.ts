import type { PaymentError } from '../domain/payment-error';
import { wirePaymentIntentStatus, type CaptureMethod, type PaymentIntentStatus, type StripePaymentIntentStatus } from '../domain/payment-intent-status';
import type { CancellationReason } from '../domain/payment-intent-transitions';
import type { Shipping } from './charge-node';
import type { PaymentIntent as PaymentIntentRow } from './generated/client';

export interface NextAction {
  type: 'redirect_to_url';
  redirectToUrl: { url: string; returnUrl: string | null };
}

/**
 * The payment intent as the graph shows it. customer, latestCharge and paymentMethod stay ids
 * here and become objects in the resolvers, so events carry them unexpanded (as Stripe's do).
 */
export interface PaymentIntentNode {
  id: string;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  automaticPaymentMethods: { enabled: boolean; allowRedirects: string | null } | null;
  canceledAt: number | null;
  cancellationReason: CancellationReason | null;
  captureMethod: CaptureMethod;
  clientSecret: string;
  confirmationMethod: 'automatic' | 'manual';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  lastPaymentError: PaymentError | null;
  latestCharge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  nextAction: NextAction | null;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  receiptEmail: string | null;
  returnUrl: string | null;
  setupFutureUsage: 'off_session' | 'on_session' | null;
  shipping: Shipping | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  status: StripePaymentIntentStatus;
}

export function toPaymentIntentNode(row: PaymentIntentRow): PaymentIntentNode {
  return {
    id: row.id,
    amount: row.amount,
    amountCapturable: row.amountCapturable,
    amountReceived: row.amountReceived,
    automaticPaymentMethods: (row.automaticPaymentMethods as PaymentIntentNode['automaticPaymentMethods']) ?? null,
    canceledAt: row.canceledAt,
    cancellationReason: row.cancellationReason as CancellationReason | null,
    captureMethod: row.captureMethod as CaptureMethod,
    clientSecret: row.clientSecret,
    confirmationMethod: row.confirmationMethod as PaymentIntentNode['confirmationMethod'],
    created: row.created,
    currency: row.currency,
    customer: row.customer,
    description: row.description,
    lastPaymentError: (row.lastPaymentError as PaymentError | null) ?? null,
    latestCharge: row.latestChargeId,
    livemode: false,
    metadata: row.metadata as Record<string, string>,
    nextAction: (row.nextAction as NextAction | null) ?? null,
    paymentMethod: row.paymentMethodId,
    paymentMethodTypes: row.paymentMethodTypes as string[],
    receiptEmail: row.receiptEmail,
    returnUrl: row.returnUrl,
    setupFutureUsage: row.setupFutureUsage as PaymentIntentNode['setupFutureUsage'],
    shipping: (row.shipping as Shipping | null) ?? null,
    statementDescriptor: row.statementDescriptor,
    statementDescriptorSuffix: row.statementDescriptorSuffix,
    status: wirePaymentIntentStatus(row.status as PaymentIntentStatus),
  };
}
