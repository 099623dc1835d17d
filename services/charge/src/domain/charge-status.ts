import { PaygateError } from '@paygate/chassis';

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

/** Capturing: only an authorization can be captured, once (Stripe's errors otherwise). */
export function assertCapturable(id: string, status: ChargeStatus): void {
  switch (status) {
    case 'authorized':
      return;
    case 'captured':
      throw new PaygateError('charge_already_captured', `Charge ${id} has already been captured.`);
    case 'declined':
      throw new PaygateError('invalid_request', `Charge ${id} has failed and cannot be captured.`);
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled charge status ${String(unhandled)}`);
    }
  }
}
