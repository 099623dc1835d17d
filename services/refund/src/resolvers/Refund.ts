import { entityRef, type SubgraphContext } from '@paygate/chassis';
import type { RefundNode } from '../db/refund-node';
import type { RefundDeps } from '../use-cases/deps';
import { findRefundNode } from '../use-cases/refunds';

/** Refund entity: another account's id resolves to nothing; other services' objects are references by id. */
export function refundResolvers(deps: RefundDeps) {
  return {
    Refund: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findRefundNode(deps, ctx.account, ref.id),
      charge: (refund: RefundNode) => entityRef('Charge', refund.charge),
      paymentIntent: (refund: RefundNode) => entityRef('PaymentIntent', refund.paymentIntent),
      balanceTransaction: (refund: RefundNode) => entityRef('BalanceTransaction', refund.balanceTransactionId),
      failureBalanceTransaction: (refund: RefundNode) => entityRef('BalanceTransaction', refund.failureBalanceTransactionId),
    },
  };
}
