import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { CheckoutSessionListFilter } from '../db/checkout-sessions';
import type { SessionDeps } from '../use-cases/deps';
import { listCheckoutSessionLineItems } from '../use-cases/checkout-session-line-items';
import { listCheckoutSessions, retrieveCheckoutSession } from '../use-cases/checkout-sessions';

export function queryResolvers(deps: SessionDeps) {
  return {
    Query: {
      checkoutSession: (_: unknown, args: { id: string; secret?: string | null }, ctx: SubgraphContext) => retrieveCheckoutSession(deps, ctx, args.id, args.secret),
      checkoutSessions: (_: unknown, args: ListArgs & { filter?: CheckoutSessionListFilter | null }, ctx: SubgraphContext) => listCheckoutSessions(deps, ctx, args.filter, args),
      checkoutSessionLineItems: (_: unknown, args: ListArgs & { id: string }, ctx: SubgraphContext) => listCheckoutSessionLineItems(deps, ctx, args.id, args),
    },
  };
}
