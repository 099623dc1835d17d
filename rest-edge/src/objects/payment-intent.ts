import { chargeObject } from './charge';
import { customerObject } from './customer';
import { paymentMethodObject } from './payment-method';
import { renderShipping, SHIPPING_FIELDS, type ShippingNode } from './shared-shapes';
import { stripeObject, type StripeObject } from './stripe-object';

export interface PaymentErrorNode {
  type: string;
  code: string | null;
  declineCode: string | null;
  message: string;
  param: string | null;
  charge: string | null;
  paymentMethod: { id: string } | null;
}

export interface PaymentIntentNode {
  id: string;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  automaticPaymentMethods: { enabled: boolean; allowRedirects: string | null } | null;
  canceledAt: number | null;
  cancellationReason: string | null;
  captureMethod: string;
  clientSecret: string;
  confirmationMethod: string;
  created: number;
  currency: string;
  description: string | null;
  lastPaymentError: PaymentErrorNode | null;
  livemode: boolean;
  metadata: Record<string, string>;
  nextAction: { type: string; redirectToUrl: { url: string; returnUrl: string | null } | null } | null;
  paymentMethodTypes: string[];
  receiptEmail: string | null;
  returnUrl: string | null;
  setupFutureUsage: string | null;
  shipping: ShippingNode | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  status: string;
}

function renderPaymentError(error: PaymentErrorNode | null) {
  if (!error) return null;
  return {
    type: error.type,
    ...(error.charge ? { charge: error.charge } : {}),
    ...(error.code ? { code: error.code, doc_url: `https://stripe.com/docs/error-codes/${error.code.replace(/_/g, '-')}` } : {}),
    ...(error.declineCode ? { decline_code: error.declineCode } : {}),
    message: error.message,
    ...(error.param ? { param: error.param } : {}),
    // Stripe embeds the payment method object here; its id is what a client needs to retry.
    payment_method: error.paymentMethod ? { id: error.paymentMethod.id, object: 'payment_method' } : null,
  };
}

/** Stripe's payment_intent object. */
export const paymentIntentObject: StripeObject<PaymentIntentNode> = stripeObject<PaymentIntentNode>({
  name: 'payment_intent',
  fields: `
    id amount amountCapturable amountReceived canceledAt cancellationReason captureMethod clientSecret confirmationMethod
    created currency description livemode metadata paymentMethodTypes receiptEmail returnUrl setupFutureUsage status
    statementDescriptor statementDescriptorSuffix ${SHIPPING_FIELDS}
    automaticPaymentMethods { enabled allowRedirects }
    lastPaymentError { type code declineCode message param charge paymentMethod { id } }
    nextAction { type redirectToUrl { url returnUrl } }`,
  expandable: {
    customer: { field: 'customer', object: () => customerObject },
    latest_charge: { field: 'latestCharge', object: () => chargeObject },
    payment_method: { field: 'paymentMethod', object: () => paymentMethodObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'payment_intent',
    amount: node.amount,
    amount_capturable: node.amountCapturable,
    amount_details: { tip: {} },
    amount_received: node.amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: node.automaticPaymentMethods
      ? { allow_redirects: node.automaticPaymentMethods.allowRedirects ?? 'always', enabled: node.automaticPaymentMethods.enabled }
      : null,
    canceled_at: node.canceledAt,
    cancellation_reason: node.cancellationReason,
    capture_method: node.captureMethod,
    client_secret: node.clientSecret,
    confirmation_method: node.confirmationMethod,
    created: node.created,
    currency: node.currency,
    customer: expanded.customer,
    description: node.description,
    invoice: null,
    last_payment_error: renderPaymentError(node.lastPaymentError),
    latest_charge: expanded.latest_charge,
    livemode: node.livemode,
    metadata: node.metadata,
    next_action: node.nextAction
      ? {
          type: node.nextAction.type,
          redirect_to_url: node.nextAction.redirectToUrl ? { return_url: node.nextAction.redirectToUrl.returnUrl, url: node.nextAction.redirectToUrl.url } : undefined,
        }
      : null,
    on_behalf_of: null,
    payment_method: expanded.payment_method,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: node.paymentMethodTypes,
    processing: null,
    receipt_email: node.receiptEmail,
    review: null,
    setup_future_usage: node.setupFutureUsage,
    shipping: renderShipping(node.shipping),
    source: null,
    statement_descriptor: node.statementDescriptor,
    statement_descriptor_suffix: node.statementDescriptorSuffix,
    status: node.status,
    transfer_data: null,
    transfer_group: null,
  }),
});
