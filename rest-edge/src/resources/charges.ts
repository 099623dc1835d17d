import { z } from 'zod';
import { form } from '../http/params';
import { expansions, listArguments, listObject, route, withoutExpand, type RestRoute } from '../http/route-table';
import { toGraphQLInput, toStripeShape } from '../http/wire';
import { BALANCE_TRANSACTION_FIELDS, toStripeBalanceTransaction } from './balance';

/**
 * /v1/charges — the charge subgraph; amount_refunded/refunded come from the refund subgraph and
 * balance_transaction (expandable) from the balance subgraph, in one federated query.
 */
const CHARGE_FIELDS = `
  id amount amountCaptured amountRefunded refunded currency created livemode status paid captured calculatedStatementDescriptor
  description failureCode failureMessage paymentMethod receiptEmail statementDescriptor statementDescriptorSuffix metadata
  billingDetails { email name phone address { city country line1 line2 postalCode state } }
  outcome { networkStatus reason riskLevel riskScore sellerMessage type }
  paymentMethodDetails { type card { brand last4 expMonth expYear funding country fingerprint network } }
`;

const EXPANDABLE = ['balance_transaction'] as const;

function selection(expand: readonly string[] | undefined, prefix = ''): string {
  const chosen = expansions(expand, EXPANDABLE, prefix);
  const balanceTransaction = chosen.has('balance_transaction') ? BALANCE_TRANSACTION_FIELDS : 'id';
  return `${CHARGE_FIELDS} balanceTransaction { ${balanceTransaction} }`;
}

/** Legacy card objects spell the brand for display. */
const DISPLAY_BRAND: Record<string, string> = { visa: 'Visa', mastercard: 'MasterCard', amex: 'American Express' };

/** GraphQL Charge → Stripe's charge object. */
export function toStripeCharge(node: Record<string, any>) {
  const { balance_transaction, payment_method_details, ...rest } = toStripeShape<Record<string, any>>(node);
  const card = payment_method_details?.card ?? {};
  const bt = balance_transaction ? (Object.keys(balance_transaction).length > 1 ? toStripeBalanceTransaction(node.balanceTransaction) : balance_transaction.id) : null;
  return {
    id: node.id,
    object: 'charge',
    ...rest,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: bt,
    customer: null,
    disputed: false,
    failure_balance_transaction: null,
    fraud_details: {},
    invoice: null,
    on_behalf_of: null,
    payment_intent: null,
    payment_method_details: {
      type: 'card',
      card: { ...card, checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' }, three_d_secure: null, wallet: null },
    },
    radar_options: {},
    receipt_number: null,
    receipt_url: null,
    refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${node.id}/refunds` },
    review: null,
    shipping: null,
    source: {
      id: node.paymentMethod,
      object: 'card',
      brand: DISPLAY_BRAND[card.brand] ?? card.brand,
      country: card.country,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: card.fingerprint,
      funding: card.funding,
      last4: card.last4,
      metadata: {},
    },
    source_transfer: null,
    transfer: null,
    transfer_data: null,
    transfer_group: null,
  };
}

export const chargeRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/charges',
    params: z.strictObject({
      amount: form.integer(),
      currency: form.string(),
      source: form.string(),
      capture: form.boolean().optional(),
      description: form.nullableString().optional(),
      receipt_email: form.nullableString().optional(),
      statement_descriptor: form.nullableString().optional(),
      statement_descriptor_suffix: form.nullableString().optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    operation: (params) => ({
      query: `mutation($input: ChargeCreateInput!) { createCharge(input: $input) { ${selection(params.expand)} } }`,
      variables: { input: toGraphQLInput(withoutExpand(params)) },
    }),
    render: (data) => toStripeCharge(data.createCharge),
  }),
  route({
    method: 'post',
    path: '/v1/charges/:id/capture',
    params: z.strictObject({ expand: form.expand().optional() }),
    operation: (params, path) => ({ query: `mutation($id: ID!) { captureCharge(id: $id) { ${selection(params.expand)} } }`, variables: { id: path.id } }),
    render: (data) => toStripeCharge(data.captureCharge),
  }),
  route({
    method: 'get',
    path: '/v1/charges/:id',
    params: z.strictObject({ expand: form.expand().optional() }),
    operation: (params, path) => ({ query: `query($id: ID!) { charge(id: $id) { ${selection(params.expand)} } }`, variables: { id: path.id } }),
    render: (data) => toStripeCharge(data.charge),
  }),
  route({
    method: 'get',
    path: '/v1/charges',
    params: z.strictObject(form.list()),
    operation: (params) => ({
      query: `query($limit: Int, $startingAfter: ID, $endingBefore: ID) {
        charges(limit: $limit, startingAfter: $startingAfter, endingBefore: $endingBefore) { hasMore data { ${selection(params.expand, 'data.')} } } }`,
      variables: listArguments(params),
    }),
    render: (data) => listObject('/v1/charges', data.charges, toStripeCharge),
  }),
];
