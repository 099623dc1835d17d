import { backoffDelayMs, CONNECT_RETRY, HANDLER_RETRY, sleep } from './backoff';

describe('backoff', () => {
  it('doubles from the initial delay and stays at the cap (handlers: 100 ms → 30 s)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => backoffDelayMs(n, HANDLER_RETRY));
    expect(delays).toEqual([100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000]);
    expect(backoffDelayMs(10_000, HANDLER_RETRY)).toBe(30_000);
  });

  it('connections: 500 ms → 10 s; attempt 0 or less counts as the first', () => {
    expect([0, 1, 2, 5, 6, 50].map((n) => backoffDelayMs(n, CONNECT_RETRY))).toEqual([500, 500, 1_000, 8_000, 10_000, 10_000]);
  });

  it('sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const began = Date.now();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - began).toBeLessThan(1_000);
    await sleep(10, controller.signal); // already aborted: at once
  });
});
