import { createLogger } from './logger';
import { startPeriodicTask } from './periodic';

describe('periodic tasks', () => {
  const logger = createLogger('periodic-test', 'silent');

  it('runs on every tick, never two runs at once, and stop() waits for the run in progress', async () => {
    jest.useFakeTimers();
    let runs = 0;
    let finish: () => void = () => {};
    const task = startPeriodicTask({ name: 't', everyMs: 1_000, run: () => { runs += 1; return new Promise<void>((resolve) => { finish = resolve; }); } }, logger);
    jest.advanceTimersByTime(1_000);
    expect(runs).toBe(1);
    jest.advanceTimersByTime(3_000);
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = task.stop().then(() => { stopped = true; });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(5_000);
    expect(runs).toBe(1);
    jest.useRealTimers();
  });

  it('a failed run is retried on the next tick', async () => {
    jest.useFakeTimers();
    let runs = 0;
    const task = startPeriodicTask({ name: 't', everyMs: 1_000, run: async () => { runs += 1; throw new Error('boom'); } }, logger);
    jest.advanceTimersByTime(1_000);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1_000);
    expect(runs).toBe(2);
    await task.stop();
    jest.useRealTimers();
  });
});
