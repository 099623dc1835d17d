import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { ChargeStore } from '../db/charges';

export function queryResolvers(store: ChargeStore) {
  return {
    Query: {
      charge: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      charges: (_: unknown, args: ListArgs, ctx: SubgraphContext) => store.list(ctx.account, args),
    },
  };
}
