import { z } from 'zod';
import { customerObject, deletedCustomerObject } from '../objects/customer';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';

/** /v1/customers — Stripe's customer resource over the customer subgraph. */
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

const byId = (_params: unknown, path: Record<string, string>) => ({ id: path.id });

export const customerRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/customers',
    params: z.strictObject(customerFields),
    object: customerObject,
    operation: { kind: 'mutation', field: 'createCustomer', args: { input: 'CustomerCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/customers/search',
    params: z.strictObject({ query: form.string(), limit: form.integer().optional(), page: form.string().optional(), expand: form.expand().optional() }),
    object: customerObject,
    shape: 'search',
    operation: {
      kind: 'query',
      field: 'searchCustomers',
      args: { query: 'String!', limit: 'Int', page: 'String' },
      variables: (params) => ({ query: params.query, limit: params.limit ?? null, page: params.page ?? null }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/customers/:id',
    params: z.strictObject({ expand: form.expand().optional() }),
    object: customerObject,
    operation: { kind: 'query', field: 'customer', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/customers/:id',
    params: z.strictObject(customerFields),
    object: customerObject,
    operation: {
      kind: 'mutation',
      field: 'updateCustomer',
      args: { id: 'ID!', input: 'CustomerUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'delete',
    path: '/v1/customers/:id',
    params: z.strictObject({}),
    object: deletedCustomerObject,
    operation: { kind: 'mutation', field: 'deleteCustomer', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/customers',
    params: z.strictObject({ ...form.list(), email: form.string().optional() }),
    object: customerObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'customers',
      args: { ...LIST_ARGS, email: 'String' },
      variables: (params) => ({ ...listArguments(params), email: params.email ?? null }),
    },
  }),
];
