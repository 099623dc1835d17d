import pino, { type Logger } from 'pino';
import { currentEventRequest } from './request-scope';
import { activeTraceIds, TRACING } from './tracing';

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
/** What every line carries besides its own fields: the API request it serves and, with tracing on, the trace. */
function lineContext(): Record<string, string> {
  const ids = TRACING ? activeTraceIds() : null;
  const requestId = currentEventRequest().id;
  if (!ids && !requestId) return {};
  return { ...(requestId ? { request_id: requestId } : {}), ...(ids ?? {}) };
}

/**
 * Secrets never logged: keys (sk_/pk_/rk_), webhook signing secrets, card data. The edge never logs
 * a body or query string; these paths catch a field that carries one by mistake.
 */
export const REDACT_PATHS = [
  '*.number',
  '*.card.number',
  '*.cvc',
  'card[number]',
  'req.headers.authorization',
  '*.authorization',
  '*.secret',
  '*.secretKey',
  '*.secret_key',
  '*.apiKey',
  '*.api_key',
  '*.publishable_key',
  '*.password',
];

/** `LOG_LEVEL_<PROCESS>`: the per-process override's name (charge-service → LOG_LEVEL_CHARGE, rest-edge → LOG_LEVEL_REST_EDGE). */
export function logLevelVariable(processName: string): string {
  return `LOG_LEVEL_${processName.replace(/-service$/, '').toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** The level of a process: LOG_LEVEL_<PROCESS> over LOG_LEVEL, else info (infra/src/stack.ts resolves it the same way for each child). */
export function logLevelFor(processName: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[logLevelVariable(processName)] || env.LOG_LEVEL || 'info';
}

/**
 * JSON lines: `service`, `level`, `time`, `msg`, and inside an API request `request_id` (the edge's
 * Request-Id) and, with tracing on, `trace_id`/`span_id` of the active span; `account` where the
 * caller's logger binds it (the subgraph's per-request logger, the edge's request logger).
 */
export function createLogger(service: string, level = logLevelFor(service)): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  // Only when something waits: sonic-boom's flush() writes (an empty write) even when nothing is buffered.
  const buffered = destination as unknown as { _len: number };
  setInterval(() => buffered._len > 0 && destination.flush(), FLUSH_EVERY_MS).unref();
  return pino(
    {
      name: service,
      level,
      base: { service, pid: process.pid },
      mixin: lineContext,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
