/**
 * Exponential backoff for work that waits on infrastructure (a database, a broker): the delay doubles
 * from `initialMs` per attempt up to `maxMs`, so a short outage is retried quickly and a long one
 * does not hammer the server. Attempt 1 is the first retry.
 */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Consumer handlers: 100 ms, 200 ms, … capped at 30 s. */
export const HANDLER_RETRY: Backoff = { initialMs: 100, maxMs: 30_000 };
/** Connecting a producer or consumer to the broker: 500 ms, 1 s, … capped at 10 s (a broker back is noticed within 10 s). */
export const CONNECT_RETRY: Backoff = { initialMs: 500, maxMs: 10_000 };

export function backoffDelayMs(attempt: number, { initialMs, maxMs }: Backoff): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(initialMs * 2 ** exponent, maxMs);
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted`). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
