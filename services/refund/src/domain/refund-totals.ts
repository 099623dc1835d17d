import { PaygateError } from '@paygate/chassis';
import { displayAmount } from './display-amount';
import { alreadyRefunded, type RefundSettlement } from './refund-plan';

/** The per-charge authority's row: all that may be refunded, and what pending and succeeded refunds hold of it. */
export interface RefundTotals {
  chargeId: string;
  currency: string;
  refundable: number;
  refunded: number;
}

/** What a charge shows about its refunds (Stripe's charge.amount_refunded and charge.refunded). */
export interface ChargeRefundSummary {
  amountRefunded: number;
  refunded: boolean;
}

/** A charge never refunded has no row: nothing refunded. `refunded` once the whole refundable amount is. */
export function chargeRefundSummary(totals: Pick<RefundTotals, 'refundable' | 'refunded'> | null): ChargeRefundSummary {
  if (!totals) return { amountRefunded: 0, refunded: false };
  return { amountRefunded: totals.refunded, refunded: totals.refunded > 0 && totals.refunded >= totals.refundable };
}

/**
 * A new refund's amount: all that is left when none is given; otherwise a positive integer no larger
 * than what is left. An uncaptured authorization is released whole or not at all. Stripe's errors:
 * charge_already_refunded once nothing is left, amount_too_large above what is.
 */
export function refundAmountFor(requested: number | null | undefined, totals: RefundTotals, settlement: RefundSettlement): number {
  const left = Math.max(0, totals.refundable - totals.refunded);
  if (left === 0) throw alreadyRefunded(totals.chargeId);
  if (requested !== null && requested !== undefined && (!Number.isSafeInteger(requested) || requested < 1)) {
    throw new PaygateError('parameter_invalid_integer', 'Invalid positive integer', { param: 'amount' });
  }
  const amount = requested ?? left;
  if (settlement === 'authorization_release' && amount !== totals.refundable) {
    throw new PaygateError('invalid_request', 'You cannot partially refund an uncaptured charge. Instead, capture the charge for an amount less than the original amount.', { param: 'amount' });
  }
  if (amount > left) {
    const shown = (value: number) => displayAmount({ amount: value, currency: totals.currency });
    const limit = totals.refunded === 0 ? `charge amount (${shown(totals.refundable)})` : `unrefunded amount on charge (${shown(left)})`;
    throw new PaygateError('amount_too_large', `Refund amount (${shown(amount)}) is greater than ${limit}`, { param: 'amount' });
  }
  return amount;
}
