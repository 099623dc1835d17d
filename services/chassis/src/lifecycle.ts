import type { Logger } from './logger';

/** Boot a process and stop it cleanly once on SIGINT/SIGTERM (stop closes servers, consumers, pools). */
export function runUntilSignal(name: string, logger: Logger, boot: () => Promise<{ stop(): Promise<void> }>): void {
  boot()
    .then((running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, `${name} stopping`);
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        running
          .stop()
          .then(() => process.exit(0))
          .catch((err) => {
            logger.error({ err }, `${name} did not stop cleanly`);
            process.exit(1);
          });
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    })
    .catch((err) => {
      logger.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    });
}
