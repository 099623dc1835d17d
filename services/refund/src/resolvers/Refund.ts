import type { SubgraphContext } from '@paygate/chassis';
import type { RefundStore } from '../db/refunds';

/** Refund entity: another account's id resolves to nothing. */
export function refundResolvers(store: RefundStore) {
  return {
    Refund: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
    },
  };
}
