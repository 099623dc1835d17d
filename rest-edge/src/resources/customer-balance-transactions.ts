import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { customerBalanceTransactionObject } from '../objects/customer-balance-transaction';
import { retrieveParams } from './shared-params';

const ofTransaction = (_params: unknown, path: Record<string, string>) => ({ customer: path.id, id: path.transaction });

/** /v1/customers/:id/balance_transactions — the customer subgraph's balance ledger of one customer. */
export const customerBalanceTransactionRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/customers/:id/balance_transactions',
    params: z.strictObject({
      amount: form.integer(),
      currency: form.string(),
      description: form.nullableString().optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: customerBalanceTransactionObject,
    operation: {
      kind: 'mutation',
      field: 'createCustomerBalanceTransaction',
      args: { customer: 'ID!', input: 'CustomerBalanceTransactionCreateInput!' },
      variables: (params, path) => ({ customer: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/customers/:id/balance_transactions/:transaction',
    params: retrieveParams,
    object: customerBalanceTransactionObject,
    operation: { kind: 'query', field: 'customerBalanceTransaction', args: { customer: 'ID!', id: 'ID!' }, variables: ofTransaction },
  }),
  route({
    method: 'post',
    path: '/v1/customers/:id/balance_transactions/:transaction',
    params: z.strictObject({ description: form.nullableString().optional(), metadata: form.metadata().optional(), expand: form.expand().optional() }),
    object: customerBalanceTransactionObject,
    operation: {
      kind: 'mutation',
      field: 'updateCustomerBalanceTransaction',
      args: { customer: 'ID!', id: 'ID!', input: 'CustomerBalanceTransactionUpdateInput!' },
      variables: (params, path) => ({ ...ofTransaction(params, path), input: inputOf(params) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/customers/:id/balance_transactions',
    params: z.strictObject({ ...form.list(), invoice: form.string().optional(), created: form.range().optional() }),
    object: customerBalanceTransactionObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'customerBalanceTransactions',
      args: { customer: 'ID!', ...LIST_ARGS, invoice: 'ID', created: 'TimestampRange' },
      variables: (params, path) => ({ customer: path.id, ...listArguments(params), invoice: params.invoice ?? null, created: params.created ?? null }),
    },
  }),
];
