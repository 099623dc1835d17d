import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';

/**
 * The floor our numbers are read against, measured in the same run on the same machine: a plain
 * node:http + pg service doing what a payment write minimally is — one transaction with the payment
 * row, its idempotency row and its outbox row — with no edge, gateway or subgraph hops.
 */
const SERVER = process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = 'paygate_bench_floor';

async function ensureDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

export interface Floor {
  url: string;
  stop(): Promise<void>;
}

export async function startFloor(): Promise<Floor> {
  await ensureDatabase();
  const pool = new Pool({ connectionString: `${SERVER}/${DATABASE}`, max: 10 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS payments (id text PRIMARY KEY, amount integer NOT NULL, currency text NOT NULL, created integer NOT NULL);
    CREATE TABLE IF NOT EXISTS idempotency (key text PRIMARY KEY, payment_id text NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (seq bigserial PRIMARY KEY, id text NOT NULL, payload jsonb NOT NULL)`);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const client = await pool.connect();
      try {
        const id = `pi_${randomUUID().replace(/-/g, '')}`;
        const amount = Number(params.get('amount') ?? 0);
        await client.query('BEGIN');
        await client.query('INSERT INTO payments (id, amount, currency, created) VALUES ($1, $2, $3, $4)', [id, amount, params.get('currency') ?? 'usd', Math.floor(Date.now() / 1000)]);
        await client.query('INSERT INTO idempotency (key, payment_id) VALUES ($1, $2)', [randomUUID(), id]);
        await client.query('INSERT INTO outbox (id, payload) VALUES ($1, $2)', [`evt_${randomUUID()}`, JSON.stringify({ id, amount })]);
        await client.query('COMMIT');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, object: 'payment_intent', amount, status: 'succeeded' }));
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        res.writeHead(500).end(String(err));
      } finally {
        client.release();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
