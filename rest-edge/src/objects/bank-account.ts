import { stripeObject } from './stripe-object';

export interface BankAccountNode {
  id: string;
  account: string;
  accountHolderName: string | null;
  accountHolderType: string | null;
  bankName: string | null;
  country: string;
  currency: string;
  defaultForCurrency: boolean;
  fingerprint: string;
  last4: string;
  routingNumber: string;
  status: string;
  metadata: Record<string, string>;
}

/** Stripe's bank_account external account (the payout subgraph's BankAccount): only the last 4 digits, ever. */
export const bankAccountObject = stripeObject<BankAccountNode>({
  name: 'bank_account',
  fields: 'id account accountHolderName accountHolderType bankName country currency defaultForCurrency fingerprint last4 routingNumber status metadata',
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'bank_account',
    account: node.account,
    account_holder_name: node.accountHolderName,
    account_holder_type: node.accountHolderType,
    account_type: null,
    available_payout_methods: ['standard', 'instant'],
    bank_name: node.bankName,
    country: node.country,
    currency: node.currency,
    default_for_currency: node.defaultForCurrency,
    fingerprint: node.fingerprint,
    future_requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
    last4: node.last4,
    metadata: node.metadata,
    requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
    routing_number: node.routingNumber,
    status: node.status,
  }),
});
