import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { RefundStore } from '../db/refunds';

export function queryResolvers(store: RefundStore) {
  return {
    Query: {
      refund: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      refunds: (_: unknown, args: ListArgs, ctx: SubgraphContext) => store.list(ctx.account, args),
    },
  };
}
