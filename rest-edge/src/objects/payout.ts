import { balanceTransactionObject } from './balance-transaction';
import { bankAccountObject } from './bank-account';
import { stripeObject, type StripeObject } from './stripe-object';

export interface PayoutNode {
  id: string;
  amount: number;
  arrivalDate: number;
  automatic: boolean;
  created: number;
  currency: string;
  description: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  method: string;
  reconciliationStatus: string;
  sourceType: string;
  statementDescriptor: string | null;
  status: string;
  type: string;
}

/** Stripe's payout object (the payout subgraph; balance transactions from the balance one). */
export const payoutObject: StripeObject<PayoutNode> = stripeObject<PayoutNode>({
  name: 'payout',
  fields: `id amount arrivalDate automatic created currency description failureCode failureMessage livemode metadata method
    reconciliationStatus sourceType statementDescriptor status type`,
  expandable: {
    balance_transaction: { field: 'balanceTransaction', object: () => balanceTransactionObject },
    destination: { field: 'destination', object: () => bankAccountObject },
    failure_balance_transaction: { field: 'failureBalanceTransaction', object: () => balanceTransactionObject },
    original_payout: { field: 'originalPayout', object: () => payoutObject },
    reversed_by: { field: 'reversedBy', object: () => payoutObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'payout',
    amount: node.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: node.arrivalDate,
    automatic: node.automatic,
    balance_transaction: expanded.balance_transaction,
    created: node.created,
    currency: node.currency,
    description: node.description,
    destination: expanded.destination,
    failure_balance_transaction: expanded.failure_balance_transaction,
    failure_code: node.failureCode,
    failure_message: node.failureMessage,
    livemode: node.livemode,
    metadata: node.metadata,
    method: node.method,
    original_payout: expanded.original_payout,
    payout_method: null,
    reconciliation_status: node.reconciliationStatus,
    reversed_by: expanded.reversed_by,
    source_type: node.sourceType,
    statement_descriptor: node.statementDescriptor,
    status: node.status,
    trace_id: { status: node.status === 'paid' ? 'supported' : 'pending', value: null },
    type: node.type,
  }),
});
