import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { PayoutStore } from '../db/payouts';

export function queryResolvers(store: PayoutStore) {
  return {
    Query: {
      payout: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      payouts: (_: unknown, args: ListArgs, ctx: SubgraphContext) => store.list(ctx.account, args),
    },
  };
}
