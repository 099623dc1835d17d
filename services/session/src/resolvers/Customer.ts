import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { SessionStores } from '.';

/**
 * Customer is the customer service's; this service adds its checkout sessions. The customer service
 * already turns another account's id into null; here only the caller's own sessions are listed.
 */
export function customerResolvers({ sessions }: SessionStores) {
  return {
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      checkoutSessions: (customer: { id: string }, args: ListArgs, ctx: SubgraphContext) =>
        sessions.listForCustomer(ctx.account, customer.id, args),
    },
  };
}
