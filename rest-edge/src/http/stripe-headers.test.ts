import { shouldRetry } from './stripe-headers';

describe('Stripe-Should-Retry', () => {
  it.each([
    [409, true], // the same Idempotency-Key is still running
    [500, true],
    [502, true],
    [503, true],
    [400, false],
    [401, false],
    [402, false],
    [403, false],
    [404, false],
    [413, false],
    [429, false], // over only after Retry-After, not within an SDK's sub-second backoff
    [200, null],
    [302, null],
  ])('%i → %s', (status, expected) => {
    expect(shouldRetry(status)).toBe(expected);
  });
});
