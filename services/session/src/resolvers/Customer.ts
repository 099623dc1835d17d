import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { SessionDeps } from '../use-cases/deps';
import { listCheckoutSessionsOf } from '../use-cases/checkout-sessions';

/**
 * Customer is the customer service's; this service adds its checkout sessions. The customer service
 * already turns another account's id into null; here only the caller's own sessions are listed.
 */
export function customerResolvers(deps: SessionDeps) {
  return {
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      checkoutSessions: (customer: { id: string }, args: ListArgs, ctx: SubgraphContext) => listCheckoutSessionsOf(deps, ctx.account, { customer: customer.id }, args),
    },
  };
}
