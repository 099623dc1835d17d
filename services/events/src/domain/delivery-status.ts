import { retryDelayMs } from './retry-schedule';

/** A delivery's life: pending (due at next_attempt_at) → succeeded | failed (schedule spent) | canceled (endpoint disabled or deleted). */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

/** An endpoint acknowledges with a 2xx within this long; anything else is a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export type AttemptResult = { statusCode: number } | { error: string };

export interface AttemptOutcome {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
}

export function acknowledged(result: AttemptResult): boolean {
  return 'statusCode' in result && result.statusCode >= 200 && result.statusCode < 300;
}

/** What the attempt numbered `attemptsMade` (1 = the first) leaves the delivery as. */
export function afterAttempt(result: AttemptResult, attemptsMade: number, schedule: readonly number[], now: Date): AttemptOutcome {
  const statusCode = 'statusCode' in result ? result.statusCode : null;
  const error = 'error' in result ? result.error.slice(0, 500) : statusCode !== null && !acknowledged(result) ? `HTTP ${statusCode}` : null;
  if (acknowledged(result)) return { status: 'succeeded', nextAttemptAt: null, statusCode, error: null };
  const delay = retryDelayMs(schedule, attemptsMade);
  if (delay === null) return { status: 'failed', nextAttemptAt: null, statusCode, error };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay), statusCode, error };
}
