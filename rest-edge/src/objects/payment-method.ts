import { CARD_FIELDS, renderChecks, type CardNode } from './card';
import { customerObject } from './customer';
import { BILLING_DETAILS_FIELDS, renderBillingDetails, type BillingDetailsNode } from './shared-shapes';
import { stripeObject } from './stripe-object';

export interface PaymentMethodNode {
  id: string;
  type: 'card';
  billingDetails: BillingDetailsNode;
  card: CardNode;
  created: number;
  customer: { id: string } | null;
  livemode: boolean;
  metadata: Record<string, string>;
}

/** Stripe's payment_method object (type card): brand lowercase, never the number. */
export const paymentMethodObject = stripeObject<PaymentMethodNode>({
  name: 'payment_method',
  fields: `id type created livemode metadata ${BILLING_DETAILS_FIELDS} card { ${CARD_FIELDS} }`,
  expandable: { customer: { field: 'customer', object: () => customerObject } },
  render: (node, expanded) => ({
    id: node.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: renderBillingDetails(node.billingDetails),
    card: {
      brand: node.card.brand,
      checks: renderChecks(node.card.checks),
      country: node.card.country,
      display_brand: node.card.brand,
      exp_month: node.card.expMonth,
      exp_year: node.card.expYear,
      fingerprint: node.card.fingerprint,
      funding: node.card.funding,
      generated_from: null,
      last4: node.card.last4,
      networks: { available: [node.card.network], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: node.card.threeDSecureUsage },
      wallet: null,
    },
    created: node.created,
    customer: expanded.customer,
    livemode: node.livemode,
    metadata: node.metadata,
    radar_options: {},
    type: node.type,
  }),
});
