import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { SessionStores } from '.';

export function queryResolvers({ sessions, lineItems }: SessionStores) {
  return {
    Query: {
      checkoutSession: (_: unknown, args: { id: string }, ctx: SubgraphContext) => sessions.retrieve(ctx.account, args.id),
      checkoutSessions: (_: unknown, args: ListArgs, ctx: SubgraphContext) => sessions.list(ctx.account, args),
      checkoutSessionLineItems: (_: unknown, args: ListArgs & { id: string }, ctx: SubgraphContext) =>
        lineItems.listForSession(ctx.account, args.id, args),
    },
  };
}
