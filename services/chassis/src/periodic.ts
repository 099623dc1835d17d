import type { Logger } from './logger';

/** A job a service runs on a timer (e.g. releasing expired card authorizations). */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export interface RunningTask {
  stop(): Promise<void>;
}

/**
 * Runs `task` every `everyMs`, never two runs at once (a slow run skips the next tick); a failed
 * run is logged and retried on the next tick. stop() waits for a run in progress.
 */
export function startPeriodicTask(task: PeriodicTask, logger: Logger): RunningTask {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task
      .run()
      .then(
        () => undefined,
        (err) => logger.error({ err, task: task.name }, 'periodic task failed; retried on the next tick'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, task.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
