/**
 * Refund states. We store Stripe's own strings, so the wire value is the stored value; the switches
 * below are exhaustive and stop compiling when a status is added without a decision.
 */
export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'expired_uncaptured_charge'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

function oneOf<T extends string>(values: readonly T[], what: string, text: string): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new Error(`Unknown refund ${what} '${text}'`);
}

/** A stored value as a typed one (a value we never write is a bug, not a client error). */
export const parseRefundStatus = (text: string) => oneOf(REFUND_STATUSES, 'status', text);
export const parseRefundReason = (text: string) => oneOf(REFUND_REASONS, 'reason', text);

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

/** The statuses summed into amount_refunded (for the store's query). */
export const REFUNDED_STATUSES: readonly RefundStatus[] = REFUND_STATUSES.filter(countsTowardRefunded);
