import { PaygateError } from '@paygate/chassis';

/**
 * Charge statuses. Internal ones are ours; the wire status is Stripe's, mapped by an exhaustive
 * switch that stops compiling when a status is added without a decision. `released` is an
 * authorization that was let go uncaptured (canceled intent, or the 7-day hold ran out): Stripe
 * still shows it `succeeded` with captured false.
 */
export type ChargeStatus = 'authorized' | 'captured' | 'declined' | 'released';
export type StripeChargeStatus = 'succeeded' | 'pending' | 'failed';

export const CHARGE_STATUSES: readonly ChargeStatus[] = ['authorized', 'captured', 'declined', 'released'];

export function wireChargeStatus(status: ChargeStatus): StripeChargeStatus {
  switch (status) {
    case 'authorized':
    case 'captured':
    case 'released':
      return 'succeeded';
    case 'declined':
      return 'failed';
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled charge status ${String(unhandled)}`);
    }
  }
}

/** The internal statuses a wire status stands for (search filters on the internal column). */
export function chargeStatusesShownAs(wire: string): ChargeStatus[] {
  return CHARGE_STATUSES.filter((status) => wireChargeStatus(status) === wire);
}

export function isPaid(status: ChargeStatus): boolean {
  return wireChargeStatus(status) === 'succeeded';
}

/**
 * Letting an uncaptured authorization go for a refund of it: a live hold is released, a released one
 * stays so (the refund service may ask again after a crash); money already moved is refunded from the
 * balance instead, and a declined charge holds nothing.
 */
export function releaseDecision(id: string, status: ChargeStatus): 'release' | 'already_released' {
  switch (status) {
    case 'authorized':
      return 'release';
    case 'released':
      return 'already_released';
    case 'captured':
      throw new PaygateError('charge_already_captured', `Charge ${id} has already been captured.`);
    case 'declined':
      throw new PaygateError('invalid_request', `Charge ${id} has failed and holds no authorization to release.`);
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled charge status ${String(unhandled)}`);
    }
  }
}

/** Capturing: only a live authorization can be captured, once (Stripe's errors otherwise). */
export function assertCapturable(id: string, status: ChargeStatus): void {
  switch (status) {
    case 'authorized':
      return;
    case 'captured':
      throw new PaygateError('charge_already_captured', `Charge ${id} has already been captured.`);
    case 'declined':
      throw new PaygateError('invalid_request', `Charge ${id} has failed and cannot be captured.`);
    case 'released':
      throw new PaygateError('charge_expired_for_capture', `Charge ${id} has expired and can no longer be captured.`);
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled charge status ${String(unhandled)}`);
    }
  }
}
