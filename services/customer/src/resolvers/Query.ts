import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { BalanceTransactionListFilter } from '../db/balance-transactions';
import type { CustomerStore } from '../db/customers';
import { listCustomerBalanceTransactions, retrieveBalanceTransaction } from '../use-cases/balance-transactions';
import type { BalanceDeps } from '../use-cases/move-balance';

export function queryResolvers(store: CustomerStore, deps: BalanceDeps) {
  return {
    Query: {
      customer: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      customers: (_: unknown, args: ListArgs & { email?: string }, ctx: SubgraphContext) => store.list(ctx.account, args),
      searchCustomers: (_: unknown, args: { query: string; limit?: number; page?: string }, ctx: SubgraphContext) =>
        store.search(ctx.account, args.query, args.limit, args.page),
      customerBalanceTransaction: (_: unknown, args: { customer: string; id: string }, ctx: SubgraphContext) => retrieveBalanceTransaction(deps, ctx, args.customer, args.id),
      customerBalanceTransactions: (_: unknown, args: ListArgs & BalanceTransactionListFilter & { customer: string }, ctx: SubgraphContext) =>
        listCustomerBalanceTransactions(deps, ctx, args.customer, args),
    },
  };
}
