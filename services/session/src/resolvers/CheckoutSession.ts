import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { CheckoutSessionNode } from '../db/checkout-session-node';
import type { SessionDeps } from '../use-cases/deps';
import { embeddedLineItems, lineItemsOf } from '../use-cases/checkout-session-line-items';
import { findCheckoutSessionNode } from '../use-cases/checkout-sessions';

/** CheckoutSession entity: another account's id resolves to nothing. */
export function checkoutSessionResolvers(deps: SessionDeps) {
  return {
    CheckoutSession: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findCheckoutSessionNode(deps, ctx.account, ref.id),
      lineItems: (session: CheckoutSessionNode, args: ListArgs, ctx: SubgraphContext) => lineItemsOf(deps, ctx.account, session, args),
      lineItemList: (session: CheckoutSessionNode, _: unknown, ctx: SubgraphContext) => embeddedLineItems(deps, ctx.account, session),
    },
  };
}
