import { beginDrain, drainDelayMs } from './lifecycle';

describe('draining', () => {
  it('reads PAYGATE_DRAIN_DELAY_MS: 0 unless a positive integer, and never more than half the stop bound', () => {
    expect(drainDelayMs({})).toBe(0);
    expect(drainDelayMs({ PAYGATE_DRAIN_DELAY_MS: '2500' })).toBe(2500);
    expect(drainDelayMs({ PAYGATE_DRAIN_DELAY_MS: '-5' })).toBe(0);
    expect(drainDelayMs({ PAYGATE_DRAIN_DELAY_MS: '1.5' })).toBe(0);
    expect(drainDelayMs({ PAYGATE_DRAIN_DELAY_MS: 'soon' })).toBe(0);
    expect(drainDelayMs({ PAYGATE_DRAIN_DELAY_MS: '60000' })).toBe(5000);
  });

  it('turns readiness false before the delay, and returns once the delay has passed', async () => {
    const flag = { draining: false };
    const began = Date.now();
    const draining = beginDrain(flag, { PAYGATE_DRAIN_DELAY_MS: '120' });
    expect(flag.draining).toBe(true);
    await draining;
    expect(Date.now() - began).toBeGreaterThanOrEqual(110);
  });
});
