import { ensureDevAccount } from './accounts';
import { startStack, type StackHandle } from './stack';
import { LOG_DIR } from './topology';

/** Ctrl-C or SIGTERM: everything is gone within this, the broker this run started included. */
const STOP_DEADLINE_MS = 14_000;
/** How often we look whether our own parent (pnpm) is still there. */
const PARENT_POLL_MS = 1_000;

/**
 * `pnpm start`: the whole system on this machine, until Ctrl-C or SIGTERM. Every child (and the
 * broker, under a watchdog) stops when this process ends, even by SIGKILL: they hold a pipe or an
 * IPC channel to it and stop when it closes (stack.ts, chassis runUntilSignal, watchdog.ts).
 */
async function main(): Promise<void> {
  const began = Date.now();
  const log = (line: string) => process.stdout.write(`[paygate] ${line}\n`);
  let stack: StackHandle | null = null;
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping…`);
    setTimeout(() => {
      log(`not stopped after ${STOP_DEADLINE_MS / 1000}s; exiting (what is left stops on its own: its pipe to this process closes)`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // Still booting: exit now; the children and the broker see this process go and stop themselves.
    if (!stack) process.exit(130);
    stack.stop().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (err: Error) => {
        log(`stop failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // pnpm (or a shell) that started us died without a signal to us: we were re-parented.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent process gone');
  }, PARENT_POLL_MS).unref();

  stack = await startStack({ portBase: Number(process.env.PAYGATE_PORT_BASE ?? 4000), log, tieBroker: true });
  const account = await ensureDevAccount();
  log(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  process.stdout.write(
    [
      '',
      `  REST edge (Stripe API)   ${stack.edgeUrl}/v1`,
      `  REST edge over HTTPS     ${stack.edgeTlsUrl}/v1  (HTTP/2 or 1.1; CA ${stack.edgeTlsCaFile})`,
      `  GraphQL (through edge)   ${stack.edgeUrl}/graphql`,
      `  Gateway (internal)       ${stack.gatewayUrl}`,
      `  Kafka                    ${stack.kafkaBrokers}`,
      `  Logs                     ${LOG_DIR}`,
      '',
      `  Development account      ${account.id}`,
      `  Secret key               ${account.secret_key}`,
      `  Publishable key          ${account.publishable_key}`,
      '',
      `  curl ${stack.edgeUrl}/v1/customers -u ${account.secret_key}: -d email=jane@example.com`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: Error) => {
  process.stderr.write(`[paygate] start failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
