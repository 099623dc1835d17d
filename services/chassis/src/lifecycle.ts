import type { Logger } from './logger';
import { flushTracing } from './tracing';

/** A stop that has not finished by then is cut short: the process exits anyway. */
const STOP_BOUND_MS = 10_000;
/** When the parent is gone nobody waits for a clean stop: shorter, so nothing outlives it for long. */
const ORPHAN_STOP_BOUND_MS = 3_000;

/**
 * How long a stopping process goes on serving with /ready answering 503 before it closes its
 * listener, so that a balancer routing by readiness (compose, Kubernetes) stops sending it requests
 * first. PAYGATE_DRAIN_DELAY_MS; 0 by default, where nothing routes by readiness (pnpm start, tests).
 * Kept under STOP_BOUND_MS, so the in-flight work still has time to finish.
 */
export function drainDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.PAYGATE_DRAIN_DELAY_MS ?? 0);
  return Number.isInteger(ms) && ms > 0 ? Math.min(ms, STOP_BOUND_MS / 2) : 0;
}

/** Readiness turns false, then the drain delay passes: the first step of every process's stop. */
export async function beginDrain(flag: { draining: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  flag.draining = true;
  const ms = drainDelayMs(env);
  if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Boot a process and stop it cleanly once on SIGINT/SIGTERM (stop closes servers, consumers, pools).
 * Started by `pnpm start` (infra/src/stack.ts) it also has an IPC channel to its parent: when the
 * channel closes, the parent died (even by SIGKILL), and the process stops too, so none is left
 * behind holding a port. Node cannot ask the kernel for that (PR_SET_PDEATHSIG).
 */
export function runUntilSignal(name: string, logger: Logger, boot: () => Promise<{ stop(): Promise<void> }>): void {
  let running: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const stop = (why: string, boundMs = STOP_BOUND_MS) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: why }, `${name} stopping`);
    if (!running) process.exit(1); // still booting: nothing to close cleanly
    const force = setTimeout(() => process.exit(1), boundMs);
    force.unref();
    running
      .stop()
      // Spans still in the batch processor are exported first (bounded; nothing to do with tracing off).
      .then(() => flushTracing())
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, `${name} did not stop cleanly`);
        process.exit(1);
      });
  };
  if (process.channel) {
    process.channel.unref(); // the channel only signals the parent's death; it must not keep the process alive
    process.on('disconnect', () => stop('parent exited', ORPHAN_STOP_BOUND_MS));
  }
  boot()
    .then((booted) => {
      running = booted;
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    })
    .catch((err) => {
      logger.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    });
}
