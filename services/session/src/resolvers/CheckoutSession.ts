import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { SessionStores } from '.';
import type { CheckoutSessionNode } from '../db/checkout-sessions';

/** CheckoutSession entity: another account's id resolves to nothing. */
export function checkoutSessionResolvers({ sessions, lineItems }: SessionStores) {
  return {
    CheckoutSession: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => sessions.find(ctx.account, ref.id),
      lineItems: (session: CheckoutSessionNode, args: ListArgs, ctx: SubgraphContext) => lineItems.list(ctx.account, session.id, args),
    },
  };
}
