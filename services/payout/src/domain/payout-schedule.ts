import type { PayoutMethod, PayoutRowStatus } from './payout-status';

/**
 * Test-mode timings of a payout's life (Paygate simulates the bank): a standard payout is sent to the
 * bank (in_transit) an hour after it is made, an instant one at once; it lands (paid) at its
 * arrival_date (src/domain/payout-arrival.ts: midnight UTC two business days later; instant: at once),
 * or fails then when its bank account is one of Stripe's failing test numbers. Every rule takes `now`,
 * so a test moves a payout along with advancePayouts(now) instead of waiting.
 */
export const STANDARD_SUBMIT_DELAY_SECONDS = 3_600;

export function submittedAt(created: number, method: PayoutMethod): number {
  switch (method) {
    case 'instant':
      return created;
    case 'standard':
      return created + STANDARD_SUBMIT_DELAY_SECONDS;
    default: {
      const unhandled: never = method;
      throw new Error(`Unhandled payout method ${String(unhandled)}`);
    }
  }
}

export interface ScheduledPayout {
  status: PayoutRowStatus;
  created: number;
  arrivalDate: number;
  method: PayoutMethod;
  /** Set when the destination is a failing test bank account: the code the bank answers with. */
  testFailureCode: string | null;
}

export type PayoutTransition = { to: 'in_transit' } | { to: 'paid' } | { to: 'failed'; failureCode: string };

/** The next step due by `now`, or null. Reservations, and payouts already settled, are not the scheduler's. */
export function nextTransition(payout: ScheduledPayout, now: number): PayoutTransition | null {
  switch (payout.status) {
    case 'pending':
      return now >= submittedAt(payout.created, payout.method) ? { to: 'in_transit' } : null;
    case 'in_transit':
      if (now < payout.arrivalDate) return null;
      return payout.testFailureCode ? { to: 'failed', failureCode: payout.testFailureCode } : { to: 'paid' };
    case 'reserving':
    case 'refused':
    case 'paid':
    case 'failed':
    case 'canceled':
      return null;
    default: {
      const unhandled: never = payout.status;
      throw new Error(`Unhandled payout status ${String(unhandled)}`);
    }
  }
}

/** Every step due by `now`, in order (an instant payout goes pending → in_transit → paid in one sweep). */
export function dueTransitions(payout: ScheduledPayout, now: number): PayoutTransition[] {
  const steps: PayoutTransition[] = [];
  let current = payout;
  for (let next = nextTransition(current, now); next; next = nextTransition(current, now)) {
    steps.push(next);
    current = { ...current, status: next.to };
  }
  return steps;
}
