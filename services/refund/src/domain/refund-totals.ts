import { formatAmount, PaygateError } from '@paygate/chassis';
import { countsTowardRefunded, type RefundStatus } from './refund-status';

/** What a charge shows about its refunds (Stripe's charge.amount_refunded and charge.refunded). */
export interface ChargeRefundTotals {
  amountRefunded: number;
  refunded: boolean;
}

/** amount_refunded: the sum of the charge's succeeded and pending refunds. */
export function amountRefunded(refunds: readonly { amount: number; status: RefundStatus }[]): number {
  return refunds.reduce((sum, refund) => (countsTowardRefunded(refund.status) ? sum + refund.amount : sum), 0);
}

/** refunded: true once the whole charge amount is refunded (a zero charge is never "refunded"). */
export function isFullyRefunded(chargeAmount: number, refundedAmount: number): boolean {
  return refundedAmount > 0 && refundedAmount >= chargeAmount;
}

export function chargeRefundTotals(chargeAmount: number, refunds: readonly { amount: number; status: RefundStatus }[]): ChargeRefundTotals {
  const total = amountRefunded(refunds);
  return { amountRefunded: total, refunded: isFullyRefunded(chargeAmount, total) };
}

/** What may still be refunded on a charge. */
export function unrefundedAmount(chargeAmount: number, refundedAmount: number): number {
  return Math.max(0, chargeAmount - refundedAmount);
}

/**
 * A new refund's amount: all that is left when none is given; otherwise a positive integer no larger
 * than what is left (Stripe refuses an over-refund and a refund of a fully refunded charge).
 */
export function refundAmountFor(
  requested: number | null | undefined,
  charge: { amount: number; currency: string },
  refundedAmount: number,
): number {
  const left = unrefundedAmount(charge.amount, refundedAmount);
  if (left === 0) {
    throw new PaygateError('invalid_request', 'Charge has already been refunded.', { param: 'charge' });
  }
  if (requested === null || requested === undefined) return left;
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new PaygateError('parameter_invalid_integer', 'Invalid positive integer', { param: 'amount' });
  }
  if (requested > left) {
    throw new PaygateError(
      'invalid_request',
      `Refund amount (${formatAmount({ amount: requested, currency: charge.currency })}) is greater than unrefunded amount on charge (${formatAmount({ amount: left, currency: charge.currency })})`,
      { param: 'amount' },
    );
  }
  return requested;
}
