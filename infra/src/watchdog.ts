/**
 * Runs one command and ties its life to the process that started the watchdog: when that parent
 * goes away, however it died (exit, crash, SIGKILL), the pipe on our stdin closes, and the command
 * is stopped (SIGTERM, SIGKILL after the grace period). Node cannot set PR_SET_PDEATHSIG; this is
 * its portable form. `pnpm start` runs the Kafka broker under it so no broker outlives the stack.
 *
 *   node --import tsx infra/src/watchdog.ts <graceMs> <command> [args…]     (stdin: a pipe from the parent)
 *
 * A SIGTERM or SIGINT to the watchdog is passed on with the same grace; the watchdog exits when the
 * command does, with its status. The command shares the watchdog's process group, so a signal to
 * the group reaches both.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [graceArg, command, ...args] = process.argv.slice(2);
const graceMs = Number(graceArg);
if (!command || !Number.isInteger(graceMs) || graceMs < 0) {
  process.stderr.write('usage: watchdog.ts <graceMs> <command> [args…]\n');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

function stop(why: string): void {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`[watchdog] ${why}: stopping pid ${String(child.pid)} (SIGKILL after ${graceMs} ms)\n`);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
}

child.once('error', (err) => {
  process.stderr.write(`[watchdog] could not start ${command}: ${err.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1));
});

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// EOF, or an error, on the parent's pipe: the parent is gone.
process.stdin.on('end', () => stop('parent gone'));
process.stdin.on('error', () => stop('parent gone'));
process.stdin.resume();
