import { stripeObject } from './stripe-object';

export interface FeeDetailNode {
  amount: number;
  application: string | null;
  currency: string;
  description: string | null;
  type: string;
}

export interface BalanceTransactionNode {
  id: string;
  amount: number;
  availableOn: number;
  created: number;
  currency: string;
  description: string | null;
  fee: number;
  feeDetails: FeeDetailNode[];
  net: number;
  reportingCategory: string;
  source: string | null;
  status: string;
  type: string;
}

/** Stripe's balance_transaction object (the balance service's ledger entry). */
export const balanceTransactionObject = stripeObject<BalanceTransactionNode>({
  name: 'balance_transaction',
  fields: `id amount availableOn created currency description fee net reportingCategory source status type
    feeDetails { amount application currency description type }`,
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'balance_transaction',
    amount: node.amount,
    available_on: node.availableOn,
    created: node.created,
    currency: node.currency,
    description: node.description,
    exchange_rate: null,
    fee: node.fee,
    fee_details: node.feeDetails.map((f) => ({ amount: f.amount, application: f.application, currency: f.currency, description: f.description, type: f.type })),
    net: node.net,
    reporting_category: node.reportingCategory,
    source: node.source,
    status: node.status,
    type: node.type,
  }),
});
