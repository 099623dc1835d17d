import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { z } from 'zod';
import { classifyConsumerFailure, PoisonMessageError } from './consumer-failure';

/** The shapes Prisma 7 with @prisma/adapter-pg throws (PrismaClientKnownRequestError: name, code, meta.driverAdapterError). */
function prismaError(code: string, cause?: Record<string, unknown>): Error {
  const err = Object.assign(new Error(`prisma ${code}`), { name: 'PrismaClientKnownRequestError', code, meta: {} as Record<string, unknown> });
  if (cause) err.meta.driverAdapterError = Object.assign(new Error('driver adapter error'), { name: 'DriverAdapterError', cause });
  return err;
}

function pgError(code: string, message = 'pg error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyConsumerFailure', () => {
  it.each([
    ['P1001 cannot reach the database', prismaError('P1001')],
    ['P1017 server closed the connection', prismaError('P1017')],
    ['P2024 pool timeout', prismaError('P2024')],
    ['P2028 transaction could not start in time', prismaError('P2028')],
    ['raw query failed with admin_shutdown (57P01) inside the adapter error', prismaError('P2010', { kind: 'postgres', code: '57P01', originalCode: '57P01' })],
    ['adapter ConnectionClosed', prismaError('P2036', { kind: 'ConnectionClosed' })],
    ['adapter DatabaseNotReachable', prismaError('P2036', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['PrismaClientInitializationError', Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientInitializationError', errorCode: 'P1001' })],
    ['pg SQLSTATE class 08 (connection_failure)', pgError('08006')],
    ['pg 57P01 terminating connection due to administrator command', pgError('57P01', 'terminating connection due to administrator command')],
    ['pg 53300 too many connections', pgError('53300')],
    ['pg 57P03 not accepting connections', pgError('57P03')],
    ['pg 40P01 deadlock', pgError('40P01')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET wrapped as a cause', new Error('query failed', { cause: pgError('ECONNRESET') })],
    ['pg "Connection terminated unexpectedly" (no code)', new Error('Connection terminated unexpectedly')],
    ['pg pool connect timeout (no code)', new Error('timeout exceeded when trying to connect')],
    ['kafkajs retriable connection error', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092')],
    ['kafkajs retriable protocol error (leader moved)', new KafkaJSProtocolError(Object.assign(new Error('not leader'), { type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true }))],
  ])('infrastructure: %s', (_what, err) => {
    expect(classifyConsumerFailure(err)).toBe('infrastructure');
  });

  it('poison: an explicit PoisonMessageError, also when wrapped', () => {
    expect(classifyConsumerFailure(new PoisonMessageError('charge has no amount'))).toBe('poison');
    expect(classifyConsumerFailure(new Error('handler failed', { cause: new PoisonMessageError('never') }))).toBe('poison');
  });

  it('poison: the payload fails the handler\'s schema', () => {
    const parsed = z.object({ amount: z.number() }).safeParse({ amount: 'ten' });
    expect(parsed.success).toBe(false);
    expect(classifyConsumerFailure(parsed.error)).toBe('poison');
  });

  it('poison wins over an infrastructure cause', () => {
    expect(classifyConsumerFailure(new PoisonMessageError('bad', { cause: pgError('ECONNRESET') }))).toBe('poison');
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'amount')")],
    ['a unique violation (P2002)', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['pg 23505 unique_violation', pgError('23505')],
    ['pg 22P02 invalid text representation', pgError('22P02')],
    ['kafkajs non-retriable error', new KafkaJSNonRetriableError('nope')],
    ['a thrown string', 'boom'],
    ['undefined', undefined],
  ])('unexpected: %s', (_what, err) => {
    expect(classifyConsumerFailure(err)).toBe('unexpected');
  });

  it('a cause cycle does not hang', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyConsumerFailure(a)).toBe('unexpected');
  });
});
