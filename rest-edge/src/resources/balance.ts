import { z } from 'zod';
import { balanceObject } from '../objects/balance';
import { balanceTransactionObject } from '../objects/balance-transaction';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { LIST_ARGS, listArguments } from '../http/wire';

/** /v1/balance and /v1/balance_transactions — the balance subgraph's ledger. */
export const balanceRoutes: RestRoute[] = [
  route({
    method: 'get',
    path: '/v1/balance',
    params: z.strictObject({ expand: form.expand().optional() }),
    object: balanceObject,
    operation: { kind: 'query', field: 'balance' },
  }),
  route({
    method: 'get',
    path: '/v1/balance_transactions/:id',
    params: z.strictObject({ expand: form.expand().optional() }),
    object: balanceTransactionObject,
    operation: { kind: 'query', field: 'balanceTransaction', args: { id: 'ID!' }, variables: (_params, path) => ({ id: path.id }) },
  }),
  route({
    method: 'get',
    path: '/v1/balance_transactions',
    params: z.strictObject({
      ...form.list(),
      type: z.enum(['adjustment', 'charge', 'payment', 'payout', 'payout_cancel', 'payout_failure', 'refund', 'refund_failure', 'stripe_fee']).optional(),
      source: form.string().optional(),
      payout: form.string().optional(),
      currency: form.string().optional(),
      created: form.range().optional(),
    }),
    object: balanceTransactionObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'balanceTransactions',
      args: { ...LIST_ARGS, type: 'BalanceTransactionType', source: 'String', payout: 'ID', currency: 'String', created: 'TimestampRange' },
      variables: (params) => ({
        ...listArguments(params),
        type: params.type ?? null,
        source: params.source ?? null,
        payout: params.payout ?? null,
        currency: params.currency ?? null,
        created: params.created ?? null,
      }),
    },
  }),
];
