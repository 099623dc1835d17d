import { stripeObject } from './stripe-object';

interface BalanceAmountNode {
  amount: number;
  currency: string;
  sourceTypes: { card: number };
}

export interface BalanceNode {
  livemode: boolean;
  available: BalanceAmountNode[];
  pending: BalanceAmountNode[];
}

const amounts = (list: BalanceAmountNode[]) => list.map((a) => ({ amount: a.amount, currency: a.currency, source_types: { card: a.sourceTypes.card } }));

/** Stripe's balance object: the account's ledger summed per currency. */
export const balanceObject = stripeObject<BalanceNode>({
  name: 'balance',
  fields: 'livemode available { amount currency sourceTypes { card } } pending { amount currency sourceTypes { card } }',
  expandable: {},
  render: (node) => ({
    object: 'balance',
    available: amounts(node.available),
    connect_reserved: [],
    instant_available: [],
    issuing: { available: [] },
    livemode: node.livemode,
    pending: amounts(node.pending),
  }),
});
