import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { deletedInvoiceObject, invoiceObject } from '../objects/invoice';
import { invoiceLineItemObject } from '../objects/invoice-line-item';
import { byId, retrieveParams, SEARCH_ARGS, searchParams, searchVariables } from './shared-params';

const collectionMethod = z.enum(['charge_automatically', 'send_invoice']);

/** What both create and update take. */
const invoiceFields = {
  auto_advance: form.boolean().optional(),
  collection_method: collectionMethod.optional(),
  days_until_due: form.integer().optional(),
  due_date: form.integer().optional(),
  description: form.nullableString().optional(),
  footer: form.nullableString().optional(),
  statement_descriptor: form.nullableString().optional(),
  default_payment_method: form.nullableString().optional(),
  metadata: form.metadata().optional(),
  expand: form.expand().optional(),
};

/** An invoice action (POST /v1/invoices/:id/<action>): one mutation by id. */
function action(path: string, field: string) {
  return route({
    method: 'post',
    path: `/v1/invoices/:id/${path}`,
    params: retrieveParams,
    object: invoiceObject,
    operation: { kind: 'mutation', field, args: { id: 'ID!' }, variables: byId },
  });
}

/**
 * /v1/invoices — the invoice subgraph. Finalizing asks the customer service to apply the customer's
 * balance and paying asks the charge service for a PaymentIntent, both through the graph.
 */
export const invoiceRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/invoices',
    params: z.strictObject({
      ...invoiceFields,
      customer: form.string(),
      currency: form.string().optional(),
      pending_invoice_items_behavior: z.enum(['include', 'exclude']).optional(),
    }),
    object: invoiceObject,
    operation: { kind: 'mutation', field: 'createInvoice', args: { input: 'InvoiceCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/invoices/search',
    params: searchParams,
    object: invoiceObject,
    shape: 'search',
    operation: { kind: 'query', field: 'searchInvoices', args: SEARCH_ARGS, variables: searchVariables },
  }),
  route({
    method: 'get',
    path: '/v1/invoices/:id',
    params: retrieveParams,
    object: invoiceObject,
    operation: { kind: 'query', field: 'invoice', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/invoices/:id',
    params: z.strictObject(invoiceFields),
    object: invoiceObject,
    operation: { kind: 'mutation', field: 'updateInvoice', args: { id: 'ID!', input: 'InvoiceUpdateInput!' }, variables: (params, path) => ({ id: path.id, input: inputOf(params) }) },
  }),
  route({
    method: 'delete',
    path: '/v1/invoices/:id',
    params: z.strictObject({}),
    object: deletedInvoiceObject,
    operation: { kind: 'mutation', field: 'deleteInvoice', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/invoices/:id/finalize',
    params: z.strictObject({ auto_advance: form.boolean().optional(), expand: form.expand().optional() }),
    object: invoiceObject,
    operation: { kind: 'mutation', field: 'finalizeInvoice', args: { id: 'ID!', input: 'InvoiceFinalizeInput' }, variables: (params, path) => ({ id: path.id, input: inputOf(params) }) },
  }),
  route({
    method: 'post',
    path: '/v1/invoices/:id/pay',
    // forgive and off_session are accepted as Stripe takes them; cards are always charged in full, off session.
    params: z.strictObject({
      payment_method: form.string().optional(),
      paid_out_of_band: form.boolean().optional(),
      forgive: form.boolean().optional(),
      off_session: form.boolean().optional(),
      expand: form.expand().optional(),
    }),
    object: invoiceObject,
    operation: {
      kind: 'mutation',
      field: 'payInvoice',
      args: { id: 'ID!', input: 'InvoicePayInput' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params, ['forgive', 'off_session']) }),
    },
  }),
  action('void', 'voidInvoice'),
  action('mark_uncollectible', 'markInvoiceUncollectible'),
  action('send', 'sendInvoice'),
  route({
    method: 'get',
    path: '/v1/invoices',
    params: z.strictObject({
      ...form.list(),
      customer: form.string().optional(),
      status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
      collection_method: collectionMethod.optional(),
      created: form.range().optional(),
      due_date: form.range().optional(),
    }),
    object: invoiceObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'invoices',
      args: { ...LIST_ARGS, filter: 'InvoiceListFilter' },
      variables: (params) => ({
        ...listArguments(params),
        filter: {
          customer: params.customer ?? null,
          status: params.status ?? null,
          collectionMethod: params.collection_method ?? null,
          created: params.created ?? null,
          dueDate: params.due_date ?? null,
        },
      }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/invoices/:id/lines',
    params: z.strictObject(form.list()),
    object: invoiceLineItemObject,
    shape: 'list',
    operation: { kind: 'query', field: 'invoiceLines', args: { invoice: 'ID!', ...LIST_ARGS }, variables: (params, path) => ({ invoice: path.id, ...listArguments(params) }) },
  }),
];
