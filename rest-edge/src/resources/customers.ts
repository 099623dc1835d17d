import { z } from 'zod';
import { form } from '../http/params';
import { listArguments, listObject, route, withoutExpand, type RestRoute } from '../http/route-table';
import { toGraphQLInput, toStripeShape } from '../http/wire';

/** /v1/customers — Stripe's customer resource over the customer subgraph. */
export const CUSTOMER_FIELDS = `
  id created livemode deleted email name description phone balance currency defaultSource delinquent
  invoicePrefix nextInvoiceSequence preferredLocales taxExempt metadata
  address { city country line1 line2 postalCode state }
  shipping { name phone address { city country line1 line2 postalCode state } }
  invoiceSettings { customFields { name value } defaultPaymentMethod footer }
`;

const emptyList = (url: string) => ({ object: 'list', data: [], has_more: false, total_count: 0, url });

/** GraphQL Customer → Stripe's customer object (a deleted one keeps only its id). */
export function toStripeCustomer(node: Record<string, any>) {
  if (node.deleted) return { id: node.id, object: 'customer', deleted: true };
  const { deleted, ...rest } = toStripeShape<Record<string, any>>(node);
  void deleted;
  return {
    id: node.id,
    object: 'customer',
    ...rest,
    invoice_settings: { ...rest.invoice_settings, rendering_options: null },
    cash_balance: null,
    discount: null,
    invoice_credit_balance: {},
    sources: emptyList(`/v1/customers/${node.id}/sources`),
    subscriptions: emptyList(`/v1/customers/${node.id}/subscriptions`),
    tax: { automatic_tax: 'unrecognized_location', ip_address: null, location: null },
    tax_ids: emptyList(`/v1/customers/${node.id}/tax_ids`),
    test_clock: null,
  };
}

const address = z.strictObject({
  city: form.string().optional(),
  country: form.string().optional(),
  line1: form.string().optional(),
  line2: form.string().optional(),
  postal_code: form.string().optional(),
  state: form.string().optional(),
});
const emptyable = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? null : v), schema.nullable());

const customerFields = {
  address: emptyable(address).optional(),
  balance: form.integer().optional(),
  description: form.nullableString().optional(),
  email: form.nullableString().optional(),
  invoice_prefix: form.string().optional(),
  invoice_settings: z
    .strictObject({
      custom_fields: emptyable(z.array(z.strictObject({ name: form.string(), value: form.string() }))).optional(),
      default_payment_method: form.nullableString().optional(),
      footer: form.nullableString().optional(),
    })
    .optional(),
  metadata: form.metadata().optional(),
  name: form.nullableString().optional(),
  phone: form.nullableString().optional(),
  preferred_locales: emptyable(z.array(form.string())).optional(),
  shipping: emptyable(z.strictObject({ address, name: form.string(), phone: form.nullableString().optional() })).optional(),
  tax_exempt: emptyable(z.enum(['none', 'exempt', 'reverse'])).optional(),
  expand: form.expand().optional(),
};

const retrieveParams = z.strictObject({ expand: form.expand().optional() });

export const customerRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/customers',
    params: z.strictObject(customerFields),
    operation: (params) => ({
      query: `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`,
      variables: { input: toGraphQLInput(withoutExpand(params)) },
    }),
    render: (data) => toStripeCustomer(data.createCustomer),
  }),
  route({
    method: 'get',
    path: '/v1/customers/search',
    params: z.strictObject({ query: form.string(), limit: form.integer().optional(), page: form.string().optional(), expand: form.expand().optional() }),
    operation: (params) => ({
      query: `query($query: String!, $limit: Int, $page: String) { searchCustomers(query: $query, limit: $limit, page: $page) { hasMore nextPage data { ${CUSTOMER_FIELDS} } } }`,
      variables: { query: params.query, limit: params.limit ?? null, page: params.page ?? null },
    }),
    render: (data) => ({
      object: 'search_result',
      data: data.searchCustomers.data.map(toStripeCustomer),
      has_more: data.searchCustomers.hasMore,
      next_page: data.searchCustomers.nextPage,
      url: '/v1/customers/search',
    }),
  }),
  route({
    method: 'get',
    path: '/v1/customers/:id',
    params: retrieveParams,
    operation: (_params, path) => ({ query: `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`, variables: { id: path.id } }),
    render: (data) => toStripeCustomer(data.customer),
  }),
  route({
    method: 'post',
    path: '/v1/customers/:id',
    params: z.strictObject(customerFields),
    operation: (params, path) => ({
      query: `mutation($id: ID!, $input: CustomerUpdateInput!) { updateCustomer(id: $id, input: $input) { ${CUSTOMER_FIELDS} } }`,
      variables: { id: path.id, input: toGraphQLInput(withoutExpand(params)) },
    }),
    render: (data) => toStripeCustomer(data.updateCustomer),
  }),
  route({
    method: 'delete',
    path: '/v1/customers/:id',
    params: z.strictObject({}),
    operation: (_params, path) => ({ query: `mutation($id: ID!) { deleteCustomer(id: $id) { id deleted } }`, variables: { id: path.id } }),
    render: (data) => ({ id: data.deleteCustomer.id, object: 'customer', deleted: true }),
  }),
  route({
    method: 'get',
    path: '/v1/customers',
    params: z.strictObject({ ...form.list(), email: form.string().optional() }),
    operation: (params) => ({
      query: `query($limit: Int, $startingAfter: ID, $endingBefore: ID, $email: String) {
        customers(limit: $limit, startingAfter: $startingAfter, endingBefore: $endingBefore, email: $email) { hasMore data { ${CUSTOMER_FIELDS} } } }`,
      variables: { ...listArguments(params), email: params.email ?? null },
    }),
    render: (data) => listObject('/v1/customers', data.customers, toStripeCustomer),
  }),
];
