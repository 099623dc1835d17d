import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { RefundStore } from '../db/refunds';

/** What the gateway sends: the id, plus the charge's amount when a @requires field was asked for. */
interface ChargeReference {
  id: string;
  amount?: number;
}

/**
 * Charge is the charge service's; this service adds amountRefunded, refunded and refunds. Only the
 * caller's own refunds count, so another account's charge id shows nothing refunded here (and the
 * charge service resolves that charge to null anyway).
 */
export function chargeResolvers(store: RefundStore) {
  return {
    Charge: {
      __resolveReference: (ref: ChargeReference, ctx: SubgraphContext) =>
        ref.amount === undefined ? { id: ref.id } : store.chargeRefundState(ctx.account, ref.id, ref.amount),
      refunds: (charge: { id: string }, args: ListArgs, ctx: SubgraphContext) => store.listForCharge(ctx.account, charge.id, args),
    },
  };
}
