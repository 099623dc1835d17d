import { Pool, type PoolClient } from 'pg';
import type { RawSql, ServiceDatabase } from '../../src';

/**
 * The chassis' database surface (RawSql + $transaction + $disconnect) over node-postgres, so the
 * chassis is tested against real PostgreSQL without a service's generated Prisma client.
 */
export function pgDatabase(url: string): ServiceDatabase & { pool: Pool } {
  const pool = new Pool({ connectionString: url, max: 5 });
  const raw = (q: Pool | PoolClient): RawSql => ({
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await q.query(sql, values)).rows as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await q.query(sql, values)).rowCount ?? 0,
  });
  return {
    ...raw(pool),
    pool,
    $transaction: async <R>(fn: (tx: RawSql) => Promise<R>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(raw(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    $disconnect: () => pool.end(),
  };
}
