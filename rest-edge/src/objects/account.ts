import { stripeObject } from './stripe-object';

export interface AccountNode {
  id: string;
  name: string;
  /** Unix seconds. */
  created: number;
}

/** Every Paygate account is a US test-mode account settling in usd; funds become available two days after a charge. */
const COUNTRY = 'US';
const DEFAULT_CURRENCY = 'usd';
const PAYOUT_DELAY_DAYS = 2; // services/balance/src/domain/ledger.ts AVAILABILITY_DELAY_DAYS

const noRequirements = { alternatives: [], current_deadline: null, currently_due: [], disabled_reason: null, errors: [], eventually_due: [], past_due: [], pending_verification: [] };

/**
 * Stripe's account object for the caller's own account, from the edge's own database (accounts and
 * keys live here, not in a subgraph). Paygate keeps a name and a creation time; the rest is what a
 * test-mode account with charges and payouts enabled shows.
 */
export const accountObject = stripeObject<AccountNode>({
  name: 'account',
  fields: '',
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'account',
    business_profile: { mcc: null, name: node.name, product_description: null, support_address: null, support_email: null, support_phone: null, support_url: null, url: null },
    business_type: null,
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    controller: { type: 'account' },
    country: COUNTRY,
    created: node.created,
    default_currency: DEFAULT_CURRENCY,
    details_submitted: true,
    email: null,
    future_requirements: noRequirements,
    metadata: {},
    payouts_enabled: true,
    requirements: noRequirements,
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: { decline_on: { avs_failure: false, cvc_failure: false }, statement_descriptor_prefix: null, statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      dashboard: { display_name: node.name, timezone: 'Etc/UTC' },
      invoices: { default_account_tax_ids: null },
      payments: { statement_descriptor: null, statement_descriptor_kana: null, statement_descriptor_kanji: null },
      payouts: { debit_negative_balances: false, schedule: { delay_days: PAYOUT_DELAY_DAYS, interval: 'manual' }, statement_descriptor: null },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type: 'standard',
  }),
});
