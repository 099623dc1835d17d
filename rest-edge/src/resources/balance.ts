import { z } from 'zod';
import { form } from '../http/params';
import { listArguments, listObject, route, type RestRoute } from '../http/route-table';
import { toStripeShape } from '../http/wire';

/** /v1/balance and /v1/balance_transactions — the balance subgraph's ledger. */
export const BALANCE_TRANSACTION_FIELDS = `
  id amount availableOn created currency description fee net reportingCategory source status type
  feeDetails { amount application currency description type }
`;

export function toStripeBalanceTransaction(node: Record<string, unknown>) {
  return { id: node.id, object: 'balance_transaction', ...toStripeShape<Record<string, unknown>>(node), exchange_rate: null };
}

const amounts = (list: Record<string, unknown>[]) => list.map((a) => toStripeShape(a));

export const balanceRoutes: RestRoute[] = [
  route({
    method: 'get',
    path: '/v1/balance',
    params: z.strictObject({ expand: form.expand().optional() }),
    operation: () => ({
      query: `{ balance { livemode available { amount currency sourceTypes { card } } pending { amount currency sourceTypes { card } } } }`,
      variables: {},
    }),
    render: (data) => ({
      object: 'balance',
      available: amounts(data.balance.available),
      connect_reserved: [],
      instant_available: [],
      issuing: { available: [] },
      livemode: data.balance.livemode,
      pending: amounts(data.balance.pending),
    }),
  }),
  route({
    method: 'get',
    path: '/v1/balance_transactions/:id',
    params: z.strictObject({ expand: form.expand().optional() }),
    operation: (_params, path) => ({
      query: `query($id: ID!) { balanceTransaction(id: $id) { ${BALANCE_TRANSACTION_FIELDS} } }`,
      variables: { id: path.id },
    }),
    render: (data) => toStripeBalanceTransaction(data.balanceTransaction),
  }),
  route({
    method: 'get',
    path: '/v1/balance_transactions',
    params: z.strictObject({ ...form.list(), type: form.string().optional(), source: form.string().optional() }),
    operation: (params) => ({
      query: `query($limit: Int, $startingAfter: ID, $endingBefore: ID, $type: String, $source: String) {
        balanceTransactions(limit: $limit, startingAfter: $startingAfter, endingBefore: $endingBefore, type: $type, source: $source) {
          hasMore data { ${BALANCE_TRANSACTION_FIELDS} } } }`,
      variables: { ...listArguments(params), type: params.type ?? null, source: params.source ?? null },
    }),
    render: (data) => listObject('/v1/balance_transactions', data.balanceTransactions, toStripeBalanceTransaction),
  }),
];
