import { balanceTransactionObject } from './balance-transaction';
import { chargeObject } from './charge';
import { paymentIntentObject } from './payment-intent';
import { stripeObject, type StripeObject } from './stripe-object';

export interface RefundNode {
  id: string;
  amount: number;
  created: number;
  currency: string;
  description: string | null;
  failureReason: string | null;
  metadata: Record<string, string>;
  reason: string | null;
  status: string;
}

/**
 * Stripe's refund object (the refund subgraph). balance_transaction is null for the release of an
 * uncaptured authorization (no money moved); failure_balance_transaction is set once a refund failed
 * after its debit. Card refunds have no next_action, instructions_email or transfer reversals.
 */
export const refundObject: StripeObject<RefundNode> = stripeObject<RefundNode>({
  name: 'refund',
  fields: 'id amount created currency description failureReason metadata reason status',
  expandable: {
    balance_transaction: { field: 'balanceTransaction', object: () => balanceTransactionObject },
    charge: { field: 'charge', object: () => chargeObject },
    failure_balance_transaction: { field: 'failureBalanceTransaction', object: () => balanceTransactionObject },
    payment_intent: { field: 'paymentIntent', object: () => paymentIntentObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'refund',
    amount: node.amount,
    balance_transaction: expanded.balance_transaction,
    charge: expanded.charge,
    created: node.created,
    currency: node.currency,
    description: node.description,
    failure_balance_transaction: expanded.failure_balance_transaction,
    failure_reason: node.failureReason,
    instructions_email: null,
    metadata: node.metadata,
    next_action: null,
    payment_intent: expanded.payment_intent,
    reason: node.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: node.status,
    transfer_reversal: null,
  }),
});
