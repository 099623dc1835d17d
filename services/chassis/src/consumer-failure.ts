/**
 * Why a consumer's handler failed, and what the consumer does about it:
 * - `infrastructure`: the database or the broker is away (down, restarting, connection reset or
 *   refused, pool exhausted, timed out). The event is fine: retried with backoff until it applies,
 *   offset not committed, never parked.
 * - `poison`: the event can never apply: the handler says so (PoisonMessageError), or its payload
 *   fails the handler's schema (a ZodError). Parked at once.
 * - `unexpected`: anything else, i.e. a bug or a rule the code does not know yet. Also retried (a
 *   ledger must not skip a money movement because of a bug; the fix is deployed and the partition
 *   moves on), but logged as an error so a person looks.
 */
export type ConsumerFailure = 'infrastructure' | 'poison' | 'unexpected';

/** Thrown by a handler for an event that can never succeed (e.g. it names an object that cannot exist): the consumer parks it at once. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** Prisma error codes of an unreachable, closed, timed-out or exhausted connection (never a data error). */
const PRISMA_CONNECTION_CODES = new Set([
  'P1001', // can't reach database server
  'P1002', // server reached but timed out
  'P1008', // operation timed out
  'P1017', // server closed the connection
  'P1018', // transaction already closed (its connection died under it)
  'P2024', // timed out fetching a connection from the pool
  'P2028', // transaction API error (could not start one in time)
  'P2034', // write conflict or deadlock: the transaction may be retried
  'P2037', // too many database connections
]);

/** Driver adapter error kinds (@prisma/driver-adapter-utils MappedError) of the same. */
const ADAPTER_CONNECTION_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
  'TransactionWriteConflict',
]);

/** Node socket errors. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** PostgreSQL SQLSTATEs outside class 08 (connection exception) that mean "try again later". */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, not accepting connections)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
]);

/** pg's own messages for a connection that went away (they carry no code). */
const CONNECTION_MESSAGES =
  /connection terminated|terminating connection|server closed the connection|connection (?:refused|reset)|timeout exceeded when trying to connect|can't reach database server|not queryable|socket hang up|not currently accepting connections|too many connections/i;

function isSqlState(code: string): boolean {
  return /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('P');
}

function codeIsTransient(code: string): boolean {
  if (PRISMA_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code)) return true;
  return isSqlState(code) && (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code));
}

/** The error and everything it wraps (cause chains, Prisma's driver adapter error, AggregateError), cycles cut. */
function* unwrap(err: unknown, seen = new Set<unknown>()): Generator<Record<string, unknown>> {
  if (err === null || typeof err !== 'object' || seen.has(err) || seen.size > 20) return;
  seen.add(err);
  const e = err as Record<string, unknown>;
  yield e;
  yield* unwrap(e.cause, seen);
  yield* unwrap((e.meta as Record<string, unknown> | undefined)?.driverAdapterError, seen);
  yield* unwrap(e.originalError, seen);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* unwrap(inner, seen);
}

/** True when the failure is the infrastructure's, not the event's: waiting and retrying will fix it. */
export function isInfrastructureFailure(err: unknown): boolean {
  for (const e of unwrap(err)) {
    const name = typeof e.name === 'string' ? e.name : '';
    if (name === 'PrismaClientInitializationError') return true;
    // kafkajs marks every error it knows to be transient (connection, timeout, leader moved…).
    if (name.startsWith('KafkaJS') && e.retriable === true) return true;
    for (const key of ['code', 'errorCode', 'originalCode'] as const) {
      const code = e[key];
      if (typeof code === 'string' && codeIsTransient(code)) return true;
    }
    if (typeof e.kind === 'string' && ADAPTER_CONNECTION_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

export function classifyConsumerFailure(err: unknown): ConsumerFailure {
  for (const e of unwrap(err)) if (e instanceof PoisonMessageError || e.name === 'ZodError') return 'poison';
  return isInfrastructureFailure(err) ? 'infrastructure' : 'unexpected';
}
