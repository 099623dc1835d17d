/**
 * When a failed delivery is tried again. Stripe retries live-mode webhooks with exponential backoff
 * for up to three days; the default here does the same: 8 retries after the first attempt, the last
 * ~3 days after it. PAYGATE_WEBHOOK_RETRY_SCHEDULE replaces it with a comma-separated list of
 * delays (`2s,5s,30s,5m`; units ms, s, m, h, d), e.g. seconds for tests and local development.
 */
export const DEFAULT_RETRY_SCHEDULE = '1m,5m,30m,2h,5h,10h,24h,30h';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A delay above this (a typo such as `30d`) is refused rather than holding a delivery for a month. */
const MAX_DELAY_MS = 7 * 86_400_000;

/** Delays in milliseconds, one per retry; throws with the offending entry. */
export function parseRetrySchedule(spec: string): number[] {
  const entries = spec.split(',').map((entry) => entry.trim());
  if (entries.length === 0 || entries.some((entry) => entry === '')) throw new Error(`expected comma-separated delays such as 2s,5s,30s,5m; got '${spec}'`);
  return entries.map((entry) => {
    const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(entry);
    if (!match) throw new Error(`'${entry}' is not a delay (a whole number and one of ms, s, m, h, d)`);
    const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
    if (ms > MAX_DELAY_MS) throw new Error(`'${entry}' is longer than 7 days`);
    return ms;
  });
}

/** After `attemptsMade` failed attempts: the delay before the next one, or null when the schedule is spent. */
export function retryDelayMs(schedule: readonly number[], attemptsMade: number): number | null {
  return schedule[attemptsMade - 1] ?? null;
}
