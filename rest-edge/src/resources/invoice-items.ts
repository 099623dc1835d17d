import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { deletedInvoiceItemObject, invoiceItemObject } from '../objects/invoice-item';
import { byId, retrieveParams } from './shared-params';

const period = z.strictObject({ start: form.integer(), end: form.integer() });

/** What both create and update take: the money (amount, or unit amount × quantity) and the description. */
const itemFields = {
  amount: form.amount().optional(),
  unit_amount: form.amount().optional(),
  unit_amount_decimal: form.string().optional(),
  quantity: form.integer().optional(),
  description: form.nullableString().optional(),
  discountable: form.boolean().optional(),
  period: period.optional(),
  metadata: form.metadata().optional(),
  expand: form.expand().optional(),
};

/** /v1/invoiceitems — the invoice subgraph (which asks the customer service, through the graph, whether the customer is the caller's). */
export const invoiceItemRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/invoiceitems',
    params: z.strictObject({ ...itemFields, customer: form.string(), currency: form.string().optional(), invoice: form.string().optional() }),
    object: invoiceItemObject,
    operation: { kind: 'mutation', field: 'createInvoiceItem', args: { input: 'InvoiceItemCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/invoiceitems/:id',
    params: retrieveParams,
    object: invoiceItemObject,
    operation: { kind: 'query', field: 'invoiceItem', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/invoiceitems/:id',
    params: z.strictObject(itemFields),
    object: invoiceItemObject,
    operation: {
      kind: 'mutation',
      field: 'updateInvoiceItem',
      args: { id: 'ID!', input: 'InvoiceItemUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'delete',
    path: '/v1/invoiceitems/:id',
    params: z.strictObject({}),
    object: deletedInvoiceItemObject,
    operation: { kind: 'mutation', field: 'deleteInvoiceItem', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/invoiceitems',
    params: z.strictObject({
      ...form.list(),
      customer: form.string().optional(),
      invoice: form.string().optional(),
      pending: form.boolean().optional(),
      created: form.range().optional(),
    }),
    object: invoiceItemObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'invoiceItems',
      args: { ...LIST_ARGS, filter: 'InvoiceItemListFilter' },
      variables: (params) => ({
        ...listArguments(params),
        filter: { customer: params.customer ?? null, invoice: params.invoice ?? null, pending: params.pending ?? null, created: params.created ?? null },
      }),
    },
  }),
];
