/**
 * The floor: one express + pg process doing, per request, exactly the database work of the route it
 * stands for — no edge, gateway or subgraph hops, no authentication lookup — against its own
 * database (paygate_bench_floor). The bench forks it (bench/floor.ts) so that its CPU can be read
 * from /proc and it does not share the bench's event loop.
 *
 * Env: FLOOR_ACCOUNT (the account its rows belong to). Tells the parent over IPC
 * `{ ready: true, port, customerId, chargeId }` once listening; exits when the parent goes away.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { Client, Pool, type PoolClient } from 'pg';

const SERVER = (process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const DATABASE = 'paygate_bench_floor';
const ACCOUNT = process.env.FLOOR_ACCOUNT ?? 'acct_benchfloor';
const SEED_CHARGE_AMOUNT = 99_999_999;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
const now = () => Math.floor(Date.now() / 1000);

async function ensureDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${DATABASE}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // created meanwhile by another run
      });
    }
  } finally {
    await admin.end();
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS customers (
    id text PRIMARY KEY, seq bigserial UNIQUE, account text NOT NULL, email text, metadata jsonb NOT NULL DEFAULT '{}', created integer NOT NULL);
  CREATE INDEX IF NOT EXISTS customers_account_seq ON customers (account, seq);
  CREATE TABLE IF NOT EXISTS payment_intents (
    id text PRIMARY KEY, account text NOT NULL, amount integer NOT NULL, currency text NOT NULL, payment_method text, status text NOT NULL, created integer NOT NULL);
  CREATE TABLE IF NOT EXISTS charges (
    id text PRIMARY KEY, account text NOT NULL, amount bigint NOT NULL, refunded bigint NOT NULL DEFAULT 0, currency text NOT NULL, source text, status text NOT NULL, created integer NOT NULL);
  CREATE TABLE IF NOT EXISTS refunds (
    id text PRIMARY KEY, account text NOT NULL, charge text NOT NULL, amount integer NOT NULL, status text NOT NULL, created integer NOT NULL);
  CREATE TABLE IF NOT EXISTS idempotency (
    account text NOT NULL, key text NOT NULL, object_id text NOT NULL, status integer NOT NULL, created integer NOT NULL, PRIMARY KEY (account, key));
  CREATE TABLE IF NOT EXISTS outbox (
    seq bigserial PRIMARY KEY, id text NOT NULL, account text NOT NULL, type text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS checkout_sessions (
    id text PRIMARY KEY, account text NOT NULL, amount_total integer NOT NULL, currency text NOT NULL, success_url text NOT NULL, status text NOT NULL, created integer NOT NULL);
  CREATE TABLE IF NOT EXISTS checkout_session_line_items (
    id text PRIMARY KEY, session text NOT NULL, name text NOT NULL, unit_amount integer NOT NULL, quantity integer NOT NULL);
  CREATE TABLE IF NOT EXISTS balances (
    account text NOT NULL, currency text NOT NULL, available bigint NOT NULL, pending bigint NOT NULL, PRIMARY KEY (account, currency));
`;

async function seed(pool: Pool): Promise<{ customerId: string; chargeId: string }> {
  let customerId = '';
  for (let i = 0; i < 11; i += 1) {
    customerId = id('cus');
    await pool.query('INSERT INTO customers (id, account, email, metadata, created) VALUES ($1, $2, $3, $4, $5)', [customerId, ACCOUNT, `seed${i}@example.com`, { seed: String(i) }, now()]);
  }
  const chargeId = id('ch');
  await pool.query("INSERT INTO charges (id, account, amount, currency, source, status, created) VALUES ($1, $2, $3, 'usd', 'tok_visa', 'succeeded', $4)", [chargeId, ACCOUNT, SEED_CHARGE_AMOUNT, now()]);
  await pool.query(
    "INSERT INTO balances (account, currency, available, pending) VALUES ($1, 'usd', 0, $2) ON CONFLICT (account, currency) DO UPDATE SET pending = balances.pending + EXCLUDED.pending",
    [ACCOUNT, SEED_CHARGE_AMOUNT],
  );
  return { customerId, chargeId };
}

/** One transaction: the effect, its idempotency row, its outbox row (what a payment write minimally is). */
async function inTransaction(pool: Pool, fn: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await fn(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function recordEffect(client: PoolClient, req: Request, objectId: string, type: string, payload: object): Promise<void> {
  await client.query('INSERT INTO idempotency (account, key, object_id, status, created) VALUES ($1, $2, $3, 200, $4)', [ACCOUNT, req.header('idempotency-key') ?? randomUUID(), objectId, now()]);
  await client.query('INSERT INTO outbox (id, account, type, payload) VALUES ($1, $2, $3, $4)', [id('evt'), ACCOUNT, type, payload]);
}

type Body = Record<string, unknown>;
const amountOf = (body: Body) => Number(body.amount ?? 0);
const currencyOf = (body: Body) => String(body.currency ?? 'usd');

function handler(fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response) => {
    fn(req, res).catch((err: Error) => {
      if (!res.headersSent) res.status(500).json({ error: { type: 'api_error', message: err.message } });
    });
  };
}

async function main(): Promise<void> {
  await ensureDatabase();
  const pool = new Pool({ connectionString: `${SERVER}/${DATABASE}`, max: 10 });
  await pool.query(SCHEMA);
  const seeded = await seed(pool);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: true })); // qs, as a real service decodes `metadata[run]=…`

  app.post(
    '/v1/customers',
    handler(async (req, res) => {
      const body = req.body as Body;
      const row = { id: id('cus'), email: body.email ?? null, metadata: (body.metadata as object) ?? {}, created: now() };
      await pool.query('INSERT INTO customers (id, account, email, metadata, created) VALUES ($1, $2, $3, $4, $5)', [row.id, ACCOUNT, row.email, row.metadata, row.created]);
      res.json({ ...row, object: 'customer', livemode: false });
    }),
  );
  app.get(
    '/v1/customers/:id',
    handler(async (req, res) => {
      const { rows } = await pool.query('SELECT id, email, metadata, created FROM customers WHERE id = $1 AND account = $2', [req.params.id, ACCOUNT]);
      if (!rows[0]) res.status(404).json({ error: { type: 'invalid_request_error', code: 'resource_missing' } });
      else res.json({ ...rows[0], object: 'customer', livemode: false });
    }),
  );
  app.get(
    '/v1/customers',
    handler(async (req, res) => {
      const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 10) || 10));
      const { rows } = await pool.query('SELECT id, email, metadata, created FROM customers WHERE account = $1 ORDER BY seq DESC LIMIT $2', [ACCOUNT, limit + 1]);
      res.json({ object: 'list', url: '/v1/customers', has_more: rows.length > limit, data: rows.slice(0, limit).map((r) => ({ ...r, object: 'customer' })) });
    }),
  );
  /** PaymentIntent confirm and charge create: the same write, one transaction of the object row, its idempotency row and its outbox row. */
  const payment = (path: string, table: 'payment_intents' | 'charges', prefix: string, method: 'payment_method' | 'source', object: Record<string, unknown>) =>
    app.post(
      path,
      handler(async (req, res) => {
        const body = req.body as Body;
        const row = { id: id(prefix), amount: amountOf(body), currency: currencyOf(body), [method]: String(body[method] ?? ''), status: 'succeeded', created: now() };
        await inTransaction(pool, async (client) => {
          await client.query(`INSERT INTO ${table} (id, account, amount, currency, ${method}, status, created) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [row.id, ACCOUNT, row.amount, row.currency, row[method], row.status, row.created]);
          await recordEffect(client, req, row.id, `${object.object as string}.succeeded`, row);
        });
        res.json({ ...row, ...object });
      }),
    );
  payment('/v1/payment_intents', 'payment_intents', 'pi', 'payment_method', { object: 'payment_intent' });
  /** A Checkout Session: one transaction of the session row, its line item rows, its idempotency row and its outbox row. */
  app.post(
    '/v1/checkout/sessions',
    handler(async (req, res) => {
      const body = req.body as { line_items?: { price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } }; quantity?: string }[]; success_url?: string };
      const lines = (body.line_items ?? []).map((l) => ({ id: id('li'), name: String(l.price_data?.product_data?.name ?? ''), unitAmount: Number(l.price_data?.unit_amount ?? 0), quantity: Number(l.quantity ?? 1) }));
      const session = { id: id('cs_test'), amount_total: lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0), currency: String(body.line_items?.[0]?.price_data?.currency ?? 'usd'), status: 'open', created: now() };
      await inTransaction(pool, async (client) => {
        await client.query('INSERT INTO checkout_sessions (id, account, amount_total, currency, success_url, status, created) VALUES ($1, $2, $3, $4, $5, $6, $7)', [session.id, ACCOUNT, session.amount_total, session.currency, String(body.success_url ?? ''), session.status, session.created]);
        for (const l of lines) await client.query('INSERT INTO checkout_session_line_items (id, session, name, unit_amount, quantity) VALUES ($1, $2, $3, $4, $5)', [l.id, session.id, l.name, l.unitAmount, l.quantity]);
        await recordEffect(client, req, session.id, 'checkout.session.created', session);
      });
      res.json({ ...session, object: 'checkout.session' });
    }),
  );
  payment('/v1/charges', 'charges', 'ch', 'source', { object: 'charge', amount_refunded: 0 });
  app.post(
    '/v1/refunds',
    handler(async (req, res) => {
      const body = req.body as Body;
      const row = { id: id('re'), charge: String(body.charge ?? ''), amount: amountOf(body), status: 'succeeded', created: now() };
      let refundable = true;
      await inTransaction(pool, async (client) => {
        const updated = await client.query('UPDATE charges SET refunded = refunded + $1 WHERE id = $2 AND account = $3 AND amount - refunded >= $1', [row.amount, row.charge, ACCOUNT]);
        if (updated.rowCount === 0) {
          refundable = false;
          return;
        }
        await client.query('INSERT INTO refunds (id, account, charge, amount, status, created) VALUES ($1, $2, $3, $4, $5, $6)', [row.id, ACCOUNT, row.charge, row.amount, row.status, row.created]);
        await recordEffect(client, req, row.id, 'charge.refunded', row);
      });
      if (!refundable) res.status(400).json({ error: { type: 'invalid_request_error', code: 'charge_already_refunded' } });
      else res.json({ ...row, object: 'refund' });
    }),
  );
  app.get(
    '/v1/balance',
    handler(async (_req, res) => {
      const { rows } = await pool.query('SELECT currency, available, pending FROM balances WHERE account = $1', [ACCOUNT]);
      res.json({
        object: 'balance',
        livemode: false,
        available: rows.map((r) => ({ amount: Number(r.available), currency: r.currency })),
        pending: rows.map((r) => ({ amount: Number(r.pending), currency: r.currency })),
      });
    }),
  );

  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop); // Ctrl-C reaches the whole process group: the parent stops us in order
  process.on('disconnect', stop); // the parent is gone, however it went
  process.send?.({ ready: true, port: (server.address() as AddressInfo).port, ...seeded });
}

main().catch((err) => {
  console.error('floor:', err);
  process.exit(1);
});
