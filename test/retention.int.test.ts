import path from 'node:path';
import { Client } from 'pg';
import { newId, prunePublishedOutbox, pruneProcessedEvents } from '../services/chassis/src';
import { applyMigrations } from '../infra/src/migrations';
import { databaseUrl, ROOT } from '../infra/src/topology';
import { createPrismaClient as createEdgeClient } from '../rest-edge/src/db/client';
import { IdempotencyStore } from '../rest-edge/src/db/idempotency';

/**
 * Retention (docs/architecture.md): the chassis prunes published outbox rows after 7 days and
 * processed-event ids after 30, the edge its idempotency records after 24 h — and nothing younger,
 * nor an unpublished row. Scratch databases with the services' own migrations.
 */
const run = newId('event', 8).slice(4).toLowerCase();
const OUTBOX_DB = `paygate_retention_outbox_${run}`;
const LEDGER_DB = `paygate_retention_ledger_${run}`;
const EDGE_DB = `paygate_retention_edge_${run}`;

describe('retention', () => {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  const clients: Client[] = [];
  const connect = async (database: string) => {
    const client = new Client({ connectionString: databaseUrl(database) });
    await client.connect();
    clients.push(client);
    return client;
  };
  /** The chassis' RawSql over one pg client. */
  const raw = (client: Client) => ({
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0,
  });

  beforeAll(async () => {
    await admin.connect();
    await applyMigrations({ serviceDir: path.join(ROOT, 'services', 'customer'), databaseUrl: databaseUrl(OUTBOX_DB) });
    await applyMigrations({ serviceDir: path.join(ROOT, 'services', 'balance'), databaseUrl: databaseUrl(LEDGER_DB) });
    await applyMigrations({ serviceDir: path.join(ROOT, 'rest-edge'), databaseUrl: databaseUrl(EDGE_DB) });
  });

  afterAll(async () => {
    for (const client of clients) await client.end();
    for (const db of [OUTBOX_DB, LEDGER_DB, EDGE_DB]) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  it('published outbox rows go after 7 days; younger and unpublished ones stay', async () => {
    const db = await connect(OUTBOX_DB);
    const insert = (id: string, publishedAgo: string | null, createdAgo = '60 days') =>
      db.query(
        `INSERT INTO outbox_events (id, account, type, topic, payload, created_at, published_at)
         VALUES ($1, 'acct_1', 'customer.created', 'paygate.customer.v1', '{}', now() - $2::interval, now() - $3::interval)`,
        [id, createdAgo, publishedAgo],
      );
    for (let i = 0; i < 1_205; i += 1) await insert(`evt_old${i}`, '8 days'); // more than one batch of 1 000
    await insert('evt_recent', '6 days');
    await insert('evt_unpublished', null);
    expect(await prunePublishedOutbox(raw(db))).toBe(1_205);
    const { rows } = await db.query('SELECT id FROM outbox_events ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['evt_recent', 'evt_unpublished']);
    expect(await prunePublishedOutbox(raw(db))).toBe(0);
  });

  it('processed-event ids go after 30 days, through the processed_at index', async () => {
    const db = await connect(LEDGER_DB);
    await db.query(`INSERT INTO processed_events (event_id, type, processed_at) VALUES ('evt_a', 'charge.succeeded', now() - interval '31 days'), ('evt_b', 'charge.succeeded', now() - interval '29 days')`);
    expect(await pruneProcessedEvents(raw(db))).toBe(1);
    expect((await db.query('SELECT event_id FROM processed_events')).rows).toEqual([{ event_id: 'evt_b' }]);
    await db.query('SET enable_seqscan = off'); // a table this small would be scanned; ask whether the index serves it
    const indexed = await db.query(
      `EXPLAIN SELECT event_id FROM processed_events WHERE processed_at < now() - make_interval(days => 30) ORDER BY processed_at LIMIT 1000`,
    );
    expect(indexed.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/processed_events_processed_at_idx/);
  });

  it('the edge prunes idempotency records older than 24 hours', async () => {
    const db = await connect(EDGE_DB);
    const insert = (key: string, ago: string) =>
      db.query(
        `INSERT INTO idempotency_records (id, account_id, key, request_hash, state, request_id, created_at)
         VALUES (gen_random_uuid(), 'acct_1', $1, 'h', 'complete', 'req_1', now() - $2::interval)`,
        [key, ago],
      );
    await insert('old', '25 hours');
    await insert('fresh', '23 hours');
    const prisma = createEdgeClient(databaseUrl(EDGE_DB));
    try {
      expect(await new IdempotencyStore(prisma).pruneExpired()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
    expect((await db.query('SELECT key FROM idempotency_records')).rows).toEqual([{ key: 'fresh' }]);
  });
});
