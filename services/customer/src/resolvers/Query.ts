import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';

export function queryResolvers(store: CustomerStore) {
  return {
    Query: {
      customer: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      customers: (_: unknown, args: ListArgs & { email?: string }, ctx: SubgraphContext) => store.list(ctx.account, args),
      searchCustomers: (_: unknown, args: { query: string; limit?: number; page?: string }, ctx: SubgraphContext) =>
        store.search(ctx.account, args.query, args.limit, args.page),
    },
  };
}
