import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { ChargeRefundSummary } from '../domain/refund-totals';
import type { RefundDeps } from '../use-cases/deps';
import { chargeRefundSummaryOf, countRefundsOfCharge, listRefundsOfCharge } from '../use-cases/refunds';

interface ChargeRef {
  id: string;
}

/**
 * Charge is the charge service's; this service adds amountRefunded, refunded and refunds, from the
 * calling account's per-charge total and refunds (another account's charge id shows nothing refunded,
 * and the charge service resolves that charge to null anyway). The charge may arrive as an entity
 * reference or as Refund.charge of this very subgraph: the fields resolve from the id either way,
 * reading the total once per charge object.
 */
export function chargeResolvers(deps: RefundDeps) {
  const summaries = new WeakMap<ChargeRef, Promise<ChargeRefundSummary>>();
  const summaryOf = (charge: ChargeRef, ctx: SubgraphContext) => {
    let summary = summaries.get(charge);
    if (!summary) summaries.set(charge, (summary = chargeRefundSummaryOf(deps, ctx.account, charge.id)));
    return summary;
  };
  return {
    Charge: {
      __resolveReference: (ref: ChargeRef) => ({ id: ref.id }),
      amountRefunded: async (charge: ChargeRef, _: unknown, ctx: SubgraphContext) => (await summaryOf(charge, ctx)).amountRefunded,
      refunded: async (charge: ChargeRef, _: unknown, ctx: SubgraphContext) => (await summaryOf(charge, ctx)).refunded,
      refunds: (charge: ChargeRef, args: ListArgs, ctx: SubgraphContext) => listRefundsOfCharge(deps, ctx.account, charge.id, args),
    },
    ChargeRefundConnection: {
      totalCount: (page: { chargeId: string }, _: unknown, ctx: SubgraphContext) => countRefundsOfCharge(deps, ctx.account, page.chargeId),
    },
  };
}
