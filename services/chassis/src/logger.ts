import pino, { type Logger } from 'pino';

export type { Logger };

/** Lines wait in memory until this many bytes or FLUSH_EVERY_MS, whichever is first: one write per batch, not per line. */
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 1_000;

/**
 * One structured logger per process. Card data never reaches it: redaction below is a last line
 * of defence for fields that could carry a number by mistake.
 *
 * Writes to stdout asynchronously and in batches (pino's sonic-boom): a synchronous write per line
 * was a system call per request on every hop. pino flushes what is buffered when the process exits
 * (process.exit, a signal handled by the lifecycle); a SIGKILL loses at most the last second.
 */
export function createLogger(service: string, level = 'info'): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  // Only when something waits: sonic-boom's flush() writes (an empty write) even when nothing is buffered.
  const buffered = destination as unknown as { _len: number };
  setInterval(() => buffered._len > 0 && destination.flush(), FLUSH_EVERY_MS).unref();
  return pino(
    {
      name: service,
      level,
      redact: {
        paths: ['*.number', '*.card.number', '*.cvc', 'card[number]', 'req.headers.authorization', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
