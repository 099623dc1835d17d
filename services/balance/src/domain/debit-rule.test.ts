import { availabilitySteps, payoutCapacity, payoutDebitTime, refundDebitTime, type LedgerProfile } from './debit-rule';

const NOW = 1_000;
const profile = (availableNow: number, future: [number, number][] = []): LedgerProfile => ({
  availableNow,
  future: future.map(([availableOn, net]) => ({ availableOn, net })),
});

/** available(t) of the profile with a debit of `amount` booked at `at` (t ≥ now): the brute-force oracle. */
function availableAfter(p: LedgerProfile, at: number, amount: number, t: number): number {
  const credits = p.future.filter((e) => e.availableOn <= t).reduce((sum, e) => sum + e.net, 0);
  return p.availableNow + credits - (at <= t ? amount : 0);
}

const TIMES = [2_000, 3_000, 4_000];
const OBSERVED = [NOW, ...TIMES, 5_000];
const keepsInvariant = (p: LedgerProfile, at: number, amount: number) => OBSERVED.every((t) => availableAfter(p, at, amount, t) >= 0);

describe('the availability step function', () => {
  it('sums future nets per time, in time order, starting from now', () => {
    expect(availabilitySteps(profile(100, [[3_000, 50], [2_000, 20], [3_000, -30]]), NOW)).toEqual([
      { at: NOW, available: 100 },
      { at: 2_000, available: 120 },
      { at: 3_000, available: 140 },
    ]);
  });

  it('refuses an entry that is not in the future', () => {
    expect(() => availabilitySteps(profile(0, [[NOW, 5]]), NOW)).toThrow(RangeError);
  });
});

describe('payout debits: booked now, need min over t ≥ now of available(t)', () => {
  it('fit within the available balance, at now', () => {
    expect(payoutDebitTime(profile(1_000), NOW, 1_000)).toBe(NOW);
    expect(payoutDebitTime(profile(1_000), NOW, 1_001)).toBeNull();
  });

  it('cannot use pending credits', () => {
    expect(payoutDebitTime(profile(0, [[2_000, 5_000]]), NOW, 1)).toBeNull();
    expect(payoutCapacity(profile(300, [[2_000, 5_000]]), NOW)).toBe(300);
  });

  it('leave room for a refund already booked in the future', () => {
    // 1000 available now; a refund of 800 becomes due at 3000 while the 500 pending arrive at 2000.
    const p = profile(1_000, [[2_000, 500], [3_000, -800]]);
    expect(payoutCapacity(p, NOW)).toBe(700);
    expect(payoutDebitTime(p, NOW, 700)).toBe(NOW);
    expect(payoutDebitTime(p, NOW, 701)).toBeNull();
  });

  it('see no capacity in a balance that is already short in the future', () => {
    expect(payoutCapacity(profile(100, [[2_000, -300]]), NOW)).toBe(0);
  });

  it('refuse amounts that are not positive integers', () => {
    expect(() => payoutDebitTime(profile(100), NOW, 0)).toThrow(RangeError);
    expect(() => payoutDebitTime(profile(100), NOW, 1.5)).toThrow(RangeError);
  });
});

describe('refund debits: booked at the earliest t0 ≥ now covered for good', () => {
  it('is booked now when the available balance covers it', () => {
    expect(refundDebitTime(profile(1_000), NOW, 400)).toBe(NOW);
  });

  it('of a still-pending charge is booked when that charge becomes available', () => {
    expect(refundDebitTime(profile(0, [[2_000, 9_680]]), NOW, 5_000)).toBe(2_000);
  });

  it('waits for enough pending credits, skipping steps that are covered only for a while', () => {
    // available: 100 now, 600 at 2000, 200 at 3000 (a refund due), 1200 at 4000.
    const p = profile(100, [[2_000, 500], [3_000, -400], [4_000, 1_000]]);
    expect(refundDebitTime(p, NOW, 150)).toBe(2_000);
    expect(refundDebitTime(p, NOW, 250)).toBe(4_000);
    expect(refundDebitTime(p, NOW, 1_200)).toBe(4_000);
  });

  it('is refused when no time can cover it', () => {
    expect(refundDebitTime(profile(100, [[2_000, 500]]), NOW, 601)).toBeNull();
  });

  it('agrees with a brute-force search and never lets available(t) go below zero (every small case)', () => {
    const nets = [-300, -100, 0, 200, 500];
    let checked = 0;
    for (const start of [0, 100, 400]) {
      for (const a of nets) for (const b of nets) for (const c of nets) {
        const p = profile(start, [[TIMES[0]!, a], [TIMES[1]!, b], [TIMES[2]!, c]]);
        if (!keepsInvariant(p, Infinity, 0)) continue; // the invariant holds before any debit is booked
        for (const amount of [1, 100, 250, 600, 1_200]) {
          const earliest = [NOW, ...TIMES].find((at) => keepsInvariant(p, at, amount)) ?? null;
          expect(refundDebitTime(p, NOW, amount)).toBe(earliest);
          expect(payoutDebitTime(p, NOW, amount)).toBe(keepsInvariant(p, NOW, amount) ? NOW : null);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
