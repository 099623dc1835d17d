import type { PayoutMethod } from './payout-status';

const DAY = 86_400;

/** Standard payouts land this many business days after creation (Stripe's US schedule). */
export const STANDARD_PAYOUT_BUSINESS_DAYS = 2;

/** Midnight UTC of the day `unixSeconds` falls on. */
export function startOfUtcDay(unixSeconds: number): number {
  return unixSeconds - (((unixSeconds % DAY) + DAY) % DAY);
}

function isWeekend(dayStart: number): boolean {
  const weekday = new Date(dayStart * 1000).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Stripe's arrival_date: an instant payout arrives when it is made; a standard one at midnight UTC
 * of the day that is two business days later, skipping Saturdays and Sundays.
 */
export function payoutArrivalDate(created: number, method: PayoutMethod): number {
  switch (method) {
    case 'instant':
      return created;
    case 'standard': {
      let day = startOfUtcDay(created);
      let remaining = STANDARD_PAYOUT_BUSINESS_DAYS;
      while (remaining > 0) {
        day += DAY;
        if (!isWeekend(day)) remaining -= 1;
      }
      return day;
    }
    default: {
      const unhandled: never = method;
      throw new Error(`Unhandled payout method ${String(unhandled)}`);
    }
  }
}
