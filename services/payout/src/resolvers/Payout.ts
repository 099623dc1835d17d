import type { SubgraphContext } from '@paygate/chassis';
import type { PayoutNode, PayoutStore } from '../db/payouts';

/** Payout entity: another account's id resolves to nothing; reversal links resolve to payouts here. */
export function payoutResolvers(store: PayoutStore) {
  return {
    Payout: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
      originalPayout: (payout: PayoutNode, _: unknown, ctx: SubgraphContext) =>
        payout.originalPayoutId ? store.find(ctx.account, payout.originalPayoutId) : null,
      reversedBy: (payout: PayoutNode, _: unknown, ctx: SubgraphContext) => (payout.reversedById ? store.find(ctx.account, payout.reversedById) : null),
    },
  };
}
