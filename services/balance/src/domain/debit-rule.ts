/**
 * When a debit may be booked, so that the available balance never goes negative at any time from now
 * on. available(t) = the sum of net over entries with available_on ≤ t: a step function of t that
 * changes only at the future available_on's (pending credits raise it, refund debits booked in the
 * future lower it). A debit booked at t0 lowers available(t) for every t ≥ t0, so it fits when
 * min over t ≥ t0 of available(t) ≥ amount.
 *
 * - A payout is booked at now (its funds leave at once): it needs min over t ≥ now ≥ amount.
 * - A refund is booked at the earliest t0 ≥ now where min over t ≥ t0 ≥ amount: refunding a charge
 *   still pending debits pending funds and becomes available exactly when the charge's credit does.
 * Pure: the caller reads the ledger under the per-(account, currency) lock and books the result.
 */
export interface LedgerProfile {
  /** Sum of net with available_on ≤ now. */
  availableNow: number;
  /** Net per available_on > now (any order, repeats allowed). */
  future: readonly { availableOn: number; net: number }[];
}

export interface ProfilePoint {
  at: number;
  available: number;
}

/** available(t) at now and at every later step, in time order. */
export function availabilitySteps(profile: LedgerProfile, now: number): ProfilePoint[] {
  const byTime = new Map<number, number>();
  for (const { availableOn, net } of profile.future) {
    if (availableOn <= now) throw new RangeError(`future entry at ${availableOn} is not after now (${now})`);
    byTime.set(availableOn, (byTime.get(availableOn) ?? 0) + net);
  }
  const points: ProfilePoint[] = [{ at: now, available: profile.availableNow }];
  let running = profile.availableNow;
  for (const at of [...byTime.keys()].sort((a, b) => a - b)) {
    running += byTime.get(at)!;
    points.push({ at, available: running });
  }
  return points;
}

/** For each step i, min over the steps from i on: min over t ≥ points[i].at of available(t). */
function suffixMinima(points: readonly ProfilePoint[]): number[] {
  const minima = new Array<number>(points.length);
  let min = Infinity;
  for (let i = points.length - 1; i >= 0; i -= 1) {
    min = Math.min(min, points[i]!.available);
    minima[i] = min;
  }
  return minima;
}

/** What a payout may take now: the lowest the available balance will be from now on (never below 0). */
export function payoutCapacity(profile: LedgerProfile, now: number): number {
  return Math.max(0, suffixMinima(availabilitySteps(profile, now))[0]!);
}

/** The available_on of a payout debit of `amount`: now, or null when the balance cannot cover it at every future time. */
export function payoutDebitTime(profile: LedgerProfile, now: number, amount: number): number | null {
  assertDebitAmount(amount);
  return payoutCapacity(profile, now) >= amount ? now : null;
}

/** The available_on of a refund debit of `amount`: the earliest time from which it is covered for good, or null if never. */
export function refundDebitTime(profile: LedgerProfile, now: number, amount: number): number | null {
  assertDebitAmount(amount);
  const points = availabilitySteps(profile, now);
  const minima = suffixMinima(points);
  const index = minima.findIndex((min) => min >= amount);
  return index === -1 ? null : points[index]!.at;
}

function assertDebitAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a debit is a positive integer, got ${amount}`);
}
