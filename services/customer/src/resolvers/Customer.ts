import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { BalanceTransactionListFilter } from '../db/balance-transactions';
import type { CustomerNode, CustomerStore } from '../db/customers';
import { balanceTransactionsOf } from '../use-cases/balance-transactions';
import type { BalanceDeps } from '../use-cases/move-balance';

/** Customer entity: other subgraphs reference it by id; another account's id resolves to nothing. */
export function customerResolvers(store: CustomerStore, deps: BalanceDeps) {
  return {
    Customer: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
      balanceTransactions: (customer: CustomerNode, args: ListArgs & BalanceTransactionListFilter, ctx: SubgraphContext) => balanceTransactionsOf(deps, ctx, customer.id, args),
    },
  };
}
