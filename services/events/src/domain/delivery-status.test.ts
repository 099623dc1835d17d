import { afterAttempt } from './delivery-status';

describe('delivery outcome', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const schedule = [1_000, 2_000];
  it('a 2xx settles it', () => {
    expect(afterAttempt({ statusCode: 204 }, 1, schedule, now)).toEqual({ status: 'succeeded', nextAttemptAt: null, statusCode: 204, error: null });
  });
  it('a 500, a redirect or a timeout is retried on the schedule, then failed', () => {
    expect(afterAttempt({ statusCode: 500 }, 1, schedule, now)).toMatchObject({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 1_000), error: 'HTTP 500' });
    expect(afterAttempt({ statusCode: 302 }, 2, schedule, now)).toMatchObject({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 2_000) });
    expect(afterAttempt({ error: 'timeout' }, 3, schedule, now)).toEqual({ status: 'failed', nextAttemptAt: null, statusCode: null, error: 'timeout' });
  });
});
