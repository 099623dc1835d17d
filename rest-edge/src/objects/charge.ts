import { balanceTransactionObject } from './balance-transaction';
import { CARD_CHECKS_FIELDS, renderChecks, type CardNode } from './card';
import { customerObject } from './customer';
import { paymentIntentObject } from './payment-intent';
import { refundObject, type RefundNode } from './refund';
import { BILLING_DETAILS_FIELDS, renderBillingDetails, renderShipping, SHIPPING_FIELDS, type BillingDetailsNode, type ShippingNode } from './shared-shapes';
import { renderObject, selectionOf, stripeObject, type StripeObject } from './stripe-object';
import { renderLegacyCard } from './token';

/** The card as the charge saw it: the payment method's card plus the 3-D Secure result. */
interface CardPaymentDetailsNode extends Omit<CardNode, 'threeDSecureUsage'> {
  threeDSecure: { authenticationFlow: string | null; result: string | null; version: string | null } | null;
}

export interface ChargeNode {
  id: string;
  amount: number;
  amountCaptured: number;
  amountRefunded: number;
  refunded: boolean;
  currency: string;
  created: number;
  livemode: boolean;
  status: 'succeeded' | 'pending' | 'failed';
  paid: boolean;
  captured: boolean;
  billingDetails: BillingDetailsNode;
  calculatedStatementDescriptor: string | null;
  description: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  fraudDetails: { stripeReport: string | null; userReport: string | null };
  outcome: { networkStatus: string; reason: string | null; riskLevel: string; riskScore: number | null; sellerMessage: string; type: string } | null;
  paymentMethod: string | null;
  paymentMethodDetails: { type: 'card'; card: CardPaymentDetailsNode | null } | null;
  receiptEmail: string | null;
  shipping: ShippingNode | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  metadata: Record<string, string>;
  /** The newest refunds (the refund subgraph's Charge.refunds). */
  refunds?: { hasMore: boolean; totalCount: number; data: RefundNode[] } | null;
}

/** How many refunds a charge embeds, as Stripe's charge.refunds list did; the rest are at /v1/charges/:id/refunds. */
const EMBEDDED_REFUNDS = 10;

const CHARGE_FIELDS = `
    id amount amountCaptured currency created livemode status paid captured calculatedStatementDescriptor
    description failureCode failureMessage paymentMethod receiptEmail statementDescriptor statementDescriptorSuffix metadata
    ${BILLING_DETAILS_FIELDS} ${SHIPPING_FIELDS}
    fraudDetails { stripeReport userReport }
    outcome { networkStatus reason riskLevel riskScore sellerMessage type }
    paymentMethodDetails { type card { brand country expMonth expYear fingerprint funding last4 network ${CARD_CHECKS_FIELDS}
      threeDSecure { authenticationFlow result version } } }`;

/** What the refund subgraph adds to a charge. */
const REFUND_FIELDS = () => `amountRefunded refunded refunds(limit: ${EMBEDDED_REFUNDS}) { hasMore totalCount data { ${selectionOf(refundObject)} } }`;

/** Stripe's charge object; amount_refunded/refunded/refunds come from the refund subgraph, balance_transaction from the balance one. */
export const chargeObject: StripeObject<ChargeNode> = stripeObject<ChargeNode>({
  name: 'charge',
  // A getter: refund.ts and this module point at each other, and the refund selection exists only once both are loaded.
  get fields() {
    return `${CHARGE_FIELDS} ${REFUND_FIELDS()}`;
  },
  expandable: {
    balance_transaction: { field: 'balanceTransaction', object: () => balanceTransactionObject },
    customer: { field: 'customer', object: () => customerObject },
    payment_intent: { field: 'paymentIntent', object: () => paymentIntentObject },
  },
  render: (node, expanded) => {
    const card = node.paymentMethodDetails?.card ?? null;
    const cardJson = card && {
      brand: card.brand,
      checks: renderChecks(card.checks),
      country: card.country,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: card.fingerprint,
      funding: card.funding,
      installments: null,
      last4: card.last4,
      mandate: null,
      network: card.network,
      three_d_secure: card.threeDSecure
        ? { authentication_flow: card.threeDSecure.authenticationFlow, result: card.threeDSecure.result, version: card.threeDSecure.version }
        : null,
      wallet: null,
    };
    // Legacy token charges pay with a card_… and show it as `source`; PaymentIntent charges have none.
    const legacy = card && node.paymentMethod?.startsWith('card_');
    return {
      id: node.id,
      object: 'charge',
      amount: node.amount,
      amount_captured: node.amountCaptured,
      amount_refunded: node.amountRefunded,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: expanded.balance_transaction,
      billing_details: renderBillingDetails(node.billingDetails),
      calculated_statement_descriptor: node.calculatedStatementDescriptor,
      captured: node.captured,
      created: node.created,
      currency: node.currency,
      customer: expanded.customer,
      description: node.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: node.failureCode,
      failure_message: node.failureMessage,
      fraud_details: {
        ...(node.fraudDetails.stripeReport ? { stripe_report: node.fraudDetails.stripeReport } : {}),
        ...(node.fraudDetails.userReport ? { user_report: node.fraudDetails.userReport } : {}),
      },
      invoice: null,
      livemode: node.livemode,
      metadata: node.metadata,
      on_behalf_of: null,
      outcome: node.outcome && {
        network_status: node.outcome.networkStatus,
        reason: node.outcome.reason,
        risk_level: node.outcome.riskLevel,
        risk_score: node.outcome.riskScore,
        seller_message: node.outcome.sellerMessage,
        type: node.outcome.type,
      },
      paid: node.paid,
      payment_intent: expanded.payment_intent,
      payment_method: node.paymentMethod,
      payment_method_details: cardJson ? { card: cardJson, type: 'card' } : null,
      radar_options: {},
      receipt_email: node.receiptEmail,
      receipt_number: null,
      receipt_url: null,
      refunded: node.refunded,
      refunds: {
        object: 'list',
        data: (node.refunds?.data ?? []).map((refund) => renderObject(refundObject, refund)),
        has_more: node.refunds?.hasMore ?? false,
        total_count: node.refunds?.totalCount ?? 0,
        url: `/v1/charges/${node.id}/refunds`,
      },
      review: null,
      shipping: renderShipping(node.shipping),
      source: legacy && card ? renderLegacyCard(node.paymentMethod!, { ...card, threeDSecureUsage: false }) : null,
      source_transfer: null,
      statement_descriptor: node.statementDescriptor,
      statement_descriptor_suffix: node.statementDescriptorSuffix,
      status: node.status,
      transfer: null,
      transfer_data: null,
      transfer_group: null,
    };
  },
});

/**
 * A charge this request just made (POST /v1/charges): it cannot have refunds yet, so the refund
 * subgraph is not asked (it was a third of that route's CPU: an entity fetch with the totals and the
 * embedded list). Renders exactly as chargeObject with nothing refunded.
 */
export const newChargeObject: StripeObject<ChargeNode> = stripeObject<ChargeNode>({
  name: 'charge',
  fields: CHARGE_FIELDS,
  expandable: chargeObject.expandable,
  render: (node, expanded) => chargeObject.render({ ...node, amountRefunded: 0, refunded: false, refunds: { hasMore: false, totalCount: 0, data: [] } }, expanded),
});
