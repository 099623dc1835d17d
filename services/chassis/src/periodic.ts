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

/**
 * For a periodic sweep of rows that carry a due time: instead of asking the database every tick, the
 * sweep runs when the earliest due time it knows of has come, or `recheckMs` after it last ran (rows
 * another replica wrote). It learns due times from its own last sweep (`swept`) and from this
 * process's writes (`expect`, called after their commit). An expectation that arrives while a sweep
 * runs is kept, so a sweep that read the table before that commit cannot forget it.
 */
export class DueTimes {
  private nextAt = 0;
  private lastSweepAt = -Infinity;
  private sweepStartedAt: number | null = null;
  private expectedDuringSweep = Infinity;

  constructor(
    private readonly recheckMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A row this process committed is due at `at`. */
  expect(at: Date | number | null | undefined): void {
    if (at === null || at === undefined) return;
    const ms = typeof at === 'number' ? at : at.getTime();
    this.nextAt = Math.min(this.nextAt, ms);
    if (this.sweepStartedAt !== null) this.expectedDuringSweep = Math.min(this.expectedDuringSweep, ms);
  }

  /** True when a sweep should run now; call `swept` when it has. */
  due(): boolean {
    const now = this.now();
    if (now < this.nextAt && now - this.lastSweepAt < this.recheckMs) return false;
    this.sweepStartedAt = now;
    this.expectedDuringSweep = Infinity;
    return true;
  }

  /** The sweep that `due` started has run; `nextAt` is the earliest due row it left (null: none). */
  swept(nextAt: Date | number | null): void {
    const next = nextAt === null ? Infinity : typeof nextAt === 'number' ? nextAt : nextAt.getTime();
    this.nextAt = Math.min(next, this.expectedDuringSweep);
    this.lastSweepAt = this.sweepStartedAt ?? this.now();
    this.sweepStartedAt = null;
  }

  /** The sweep failed: try again at the next tick. */
  failed(): void {
    this.nextAt = 0;
    this.sweepStartedAt = null;
  }
}
