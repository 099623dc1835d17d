/**
 * The slice of a Prisma client the chassis uses (raw SQL and interactive transactions), so the
 * outbox and the consumer work with every service's own generated client without importing it.
 */
export interface RawSql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

export interface TransactionRunner<Tx extends RawSql = RawSql> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}
