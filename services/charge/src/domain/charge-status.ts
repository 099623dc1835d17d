/**
 * Charge statuses. Internal ones are ours; the wire status is Stripe's, mapped by an exhaustive
 * switch that stops compiling when a status is added without a decision.
 */
export type ChargeStatus = 'authorized' | 'captured' | 'declined';
export type StripeChargeStatus = 'succeeded' | 'pending' | 'failed';

export function wireChargeStatus(status: ChargeStatus): StripeChargeStatus {
  switch (status) {
    case 'authorized':
    case 'captured':
      return 'succeeded';
    case 'declined':
      return 'failed';
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled charge status ${String(unhandled)}`);
    }
  }
}

export function isPaid(status: ChargeStatus): boolean {
  return wireChargeStatus(status) === 'succeeded';
}
