import { customerObject } from './customer';
import { stripeObject } from './stripe-object';

export interface CustomerBalanceTransactionNode {
  id: string;
  amount: number;
  created: number;
  currency: string;
  description: string | null;
  endingBalance: number;
  invoice: { id: string } | null;
  livemode: boolean;
  metadata: Record<string, string>;
  type: string;
}

/**
 * Stripe's customer_balance_transaction (the customer subgraph). Paygate has no credit notes, and its
 * checkout sessions never touch a customer's balance: those two are always null. `invoice` is the
 * invoice's id (not expandable here yet).
 */
export const customerBalanceTransactionObject = stripeObject<CustomerBalanceTransactionNode>({
  name: 'customer_balance_transaction',
  fields: 'id amount created currency description endingBalance invoice { id } livemode metadata type',
  expandable: {
    customer: { field: 'customer', object: () => customerObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'customer_balance_transaction',
    amount: node.amount,
    checkout_session: null,
    created: node.created,
    credit_note: null,
    currency: node.currency,
    customer: expanded.customer,
    description: node.description,
    ending_balance: node.endingBalance,
    invoice: node.invoice?.id ?? null,
    livemode: node.livemode,
    metadata: node.metadata,
    type: node.type,
  }),
});
