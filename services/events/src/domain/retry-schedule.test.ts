import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule, retryDelayMs } from './retry-schedule';

describe('retry schedule', () => {
  it('parses delays with units', () => {
    expect(parseRetrySchedule('2s,5s,30s,5m')).toEqual([2_000, 5_000, 30_000, 300_000]);
    expect(parseRetrySchedule(' 500ms , 1h,1d')).toEqual([500, 3_600_000, 86_400_000]);
  });

  it('the default retries for about three days, as Stripe does', () => {
    const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2.9 * 86_400_000);
    expect(total).toBeLessThanOrEqual(3 * 86_400_000);
    expect([...schedule].sort((a, b) => a - b)).toEqual(schedule);
  });

  it('refuses what is not a delay, naming the entry', () => {
    expect(() => parseRetrySchedule('')).toThrow(/comma-separated/);
    expect(() => parseRetrySchedule('2s,,5s')).toThrow(/comma-separated/);
    expect(() => parseRetrySchedule('2s,5x')).toThrow(/'5x'/);
    expect(() => parseRetrySchedule('-1s')).toThrow(/'-1s'/);
    expect(() => parseRetrySchedule('30d')).toThrow(/7 days/);
  });

  it('gives the delay after each failed attempt, then null', () => {
    const schedule = [1_000, 2_000, 3_000];
    expect(retryDelayMs(schedule, 1)).toBe(1_000);
    expect(retryDelayMs(schedule, 3)).toBe(3_000);
    expect(retryDelayMs(schedule, 4)).toBeNull();
  });
});
