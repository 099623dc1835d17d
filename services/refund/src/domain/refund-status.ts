import { PaygateError } from '@paygate/chassis';

/**
 * Refund states. We store Stripe's own strings, so the wire value is the stored value; the switches
 * below are exhaustive and stop compiling when a status is added without a decision.
 */
export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'expired_uncaptured_charge'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** Stripe's failure_reason values. */
export const REFUND_FAILURE_REASONS = ['expired_or_canceled_card', 'insufficient_funds', 'lost_or_stolen_card', 'merchant_request', 'unknown'] as const;
export type RefundFailureReason = (typeof REFUND_FAILURE_REASONS)[number];

function oneOf<T extends string>(values: readonly T[], what: string, text: string): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new Error(`Unknown refund ${what} '${text}'`);
}

/** A stored value as a typed one (a value we never write is a bug, not a client error). */
export const parseRefundStatus = (text: string) => oneOf(REFUND_STATUSES, 'status', text);
export const parseRefundReason = (text: string) => oneOf(REFUND_REASONS, 'reason', text);
export const parseRefundFailureReason = (text: string) => oneOf(REFUND_FAILURE_REASONS, 'failure reason', text);

/** Merchants give duplicate, fraudulent or requested_by_customer; expired_uncaptured_charge is Stripe's own. */
export function assertMerchantReason(reason: RefundReason | null | undefined): void {
  if (reason === 'expired_uncaptured_charge') {
    throw new PaygateError('invalid_request', 'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', { param: 'reason' });
  }
}

/** succeeded, failed and canceled are final. */
export function isTerminal(status: RefundStatus): boolean {
  switch (status) {
    case 'pending':
    case 'requires_action':
      return false;
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return true;
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled refund status ${String(unhandled)}`);
    }
  }
}

/**
 * Whether a refund counts toward the charge's amount_refunded: a pending refund already holds its
 * amount (so it cannot be refunded twice); a failed or canceled one gave it back.
 */
export function countsTowardRefunded(status: RefundStatus): boolean {
  switch (status) {
    case 'pending':
    case 'succeeded':
      return true;
    case 'requires_action':
    case 'failed':
    case 'canceled':
      return false;
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled refund status ${String(unhandled)}`);
    }
  }
}

/** Whether moving from `from` to `to` gives the refund's amount back to the charge's refundable total. */
export function releasesReservation(from: RefundStatus, to: RefundStatus): boolean {
  return countsTowardRefunded(from) && !countsTowardRefunded(to);
}

/**
 * POST /v1/refunds/:id/cancel: only a refund waiting on the customer (requires_action) can be canceled;
 * a card refund never waits, so Stripe refuses it.
 */
export function assertCancelable(id: string, status: RefundStatus): void {
  if (status === 'requires_action') return;
  throw new PaygateError(
    'invalid_request',
    `You cannot cancel refund ${id} because it has a status of ${status}. Only a refund with a status of requires_action can be canceled.`,
    { param: 'refund' },
  );
}
