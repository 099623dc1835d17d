import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ensureKafka, type KafkaHandle } from '../../../infra/src/kafka';
import { applyMigrations } from '../../../infra/src/migrations';
import { databaseUrl, ROOT } from '../../../infra/src/topology';
import {
  buildEvent,
  createKafka,
  createLogger,
  ensureTopics,
  messageBytes,
  newId,
  OutboxEventTooLargeError,
  OutboxRelay,
  PoisonMessageError,
  startPaygateService,
  TOPICS,
  writeOutboxEvent,
  type RunningService,
  type Topic,
} from '../src';
import { pgSql } from '../src/pg-sql';

/**
 * The outbox relay against a broker of this file's own (port PAYGATE_TEST_RELAY_KAFKA_PORT, 7592),
 * which it starts late and stops at the end — never the shared one:
 * - a service booted while its broker is unreachable serves, reports `relay: connecting` and the
 *   outbox lag on /ready and /metrics, and publishes (and consumes) once the broker is up;
 * - batches stay under a byte bound, and a row the broker refuses as too large is parked as a stub
 *   while the rows behind it are published;
 * - writeOutboxEvent refuses an event above 256 KiB;
 * - a burst is consumed in runs of one transaction each; a poison event in a run is parked and its
 *   neighbours applied once, and a redelivered event changes nothing.
 * A scratch database with the customer service's migrations (outbox_events) stands in for a service's.
 */
jest.setTimeout(180_000);

const KAFKA_PORT = Number(process.env.PAYGATE_TEST_RELAY_KAFKA_PORT ?? 7592);
const BROKERS = `127.0.0.1:${KAFKA_PORT}`;
const run = newId('event', 8).slice(4).toLowerCase();
const DATABASE = `paygate_relay_${run}`;
const SIZE_TOPIC = `paygate.test.relay-size.${run}` as Topic;
const logger = createLogger('relay-test', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await sleep(250);
  }
}

/** Every message on `topic` from the beginning, read by a throwaway group. */
async function readTopic(topic: string, expected: number) {
  const kafka = new Kafka({ clientId: 'relay-test-reader', brokers: [BROKERS], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `relay-test-reader-${newId('event', 8)}`, maxWaitTimeInMs: 250 });
  const seen: { key: string; value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ key: String(message.key), value: String(message.value), headers });
    },
  });
  try {
    await until(`${expected} messages on ${topic}`, 30_000, async () => seen.length >= expected);
    await sleep(500); // and no more
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

describe('outbox relay', () => {
  const url = databaseUrl(DATABASE);
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  const db = pgSql(url, 5);
  let broker: KafkaHandle | undefined;
  let service: RunningService | undefined;
  let schemaDir: string;

  /** A service with an outbox and a consumer of TOPICS.customer that records each event in relay_test_effects. */
  const bootService = () =>
    startPaygateService({
      name: 'relay-test',
      env: { PORT: 0, HOST: '127.0.0.1', DATABASE_URL: url, KAFKA_BROKERS: [BROKERS], PAYGATE_CONTEXT_SECRET: 'relay-test-secret-relay-test-secret', LOG_LEVEL: (process.env.RELAY_TEST_LOG ?? 'silent') as 'silent' },
      schemaPath: path.join(schemaDir, 'schema.graphql'),
      db: pgSql(url, 5), // its own pool: stop() ends it
      outbox: true,
      consumer: {
        groupId: `relay-test-${run}`,
        topics: [TOPICS.customer],
        handlers: {
          'customer.created': async (event, tx) => void (await tx.$executeRawUnsafe('INSERT INTO relay_test_effects (event_id) VALUES ($1)', event.id)),
          'customer.deleted': async () => {
            throw new PoisonMessageError('this event can never apply');
          },
        },
      },
      resolvers: () => ({ Query: { ping: () => 'pong' } }),
    });
  const applied = async (eventId: string) => {
    const [row] = await db.$queryRawUnsafe<{ n: string }[]>('SELECT count(*) AS n FROM relay_test_effects WHERE event_id = $1', eventId);
    return Number(row!.n) === 1;
  };

  beforeAll(async () => {
    await admin.connect();
    await applyMigrations({ serviceDir: path.join(ROOT, 'services', 'customer'), databaseUrl: url });
    await db.$executeRawUnsafe('CREATE TABLE processed_events (event_id text PRIMARY KEY, type text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())');
    await db.$executeRawUnsafe('CREATE TABLE relay_test_effects (event_id text NOT NULL)');
    schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paygate-relay-test-'));
    fs.writeFileSync(path.join(schemaDir, 'schema.graphql'), 'type Query { ping: String }\n');
  });

  afterAll(async () => {
    await service?.stop().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    if (broker?.startedHere) await broker.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  it('a service whose broker is down at boot serves, reports the relay connecting and the lag, and relays once the broker is up', async () => {
    const probe = new Kafka({ clientId: 'relay-test-probe', brokers: [BROKERS], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await expect(probe.connect()).rejects.toThrow(); // nothing on the port yet
    const began = Date.now();
    service = await bootService();
    expect(Date.now() - began).toBeLessThan(10_000);
    const base = `http://127.0.0.1:${service.port}`;
    const event = buildEvent('customer.created', newId('account'), { object: 'customer', id: newId('customer') });
    await db.$transaction((tx) => writeOutboxEvent(tx, event));

    const waiting = await until('the lag to show', 20_000, async () => {
      const ready = await fetch(`${base}/ready`);
      const body = (await ready.json()) as { relay: { state: string; outboxLagSeconds: number }; consumer: { state: string } };
      return ready.status === 200 && body.relay.outboxLagSeconds >= 2 ? body : undefined;
    });
    expect(waiting.relay.state).toBe('connecting');
    expect(waiting.consumer.state).toBe('connecting');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(Number(metrics.match(/^paygate_outbox_lag_seconds\{[^}]*\} (\S+)$/m)?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/^paygate_kafka_connected\{client="relay"[^}]*\} 0$/m);

    broker = await ensureKafka({ port: KAFKA_PORT, log: () => undefined });
    expect(broker.startedHere).toBe(true);
    // The consumer creates its topics once connected; the relay's next attempt publishes into them.
    await until('the event relayed and consumed', 60_000, () => applied(event.id));
    const ready = (await (await fetch(`${base}/ready`)).json()) as { relay: { state: string; outboxLagSeconds: number }; consumer: { state: string } };
    expect(ready.relay).toMatchObject({ state: 'connected' });
    expect(ready.consumer.state).toBe('running');
    await until('the lag back to 0', 5_000, async () => ((await (await fetch(`${base}/ready`)).json()) as typeof ready).relay.outboxLagSeconds === 0);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^paygate_kafka_connected\{client="relay"[^}]*\} 1$/m);
    await service.stop();
    service = undefined;
  });

  it('the relay and the consumer ride out a broker restart: an event written while it is down arrives once it is back', async () => {
    expect(broker?.startedHere).toBe(true);
    service = await bootService();
    const write = async () => {
      const event = buildEvent('customer.created', newId('account'), { object: 'customer', id: newId('customer') });
      await db.$transaction((tx) => writeOutboxEvent(tx, event));
      return event;
    };
    const before = await write();
    await until('an event before the restart', 60_000, () => applied(before.id));
    await broker!.stop();
    const during = await write();
    const ready = await fetch(`http://127.0.0.1:${service.port}/ready`);
    expect(ready.status).toBe(200); // writes go on: the outbox holds the event
    await sleep(3_000);
    expect(await applied(during.id)).toBe(false);
    broker = await ensureKafka({ port: KAFKA_PORT, log: () => undefined });
    await until('the event written while the broker was down', 90_000, () => applied(during.id));
    await service.stop();
    service = undefined;
  });

  it('a burst is applied in runs (one transaction each); a poison event among them is parked, its neighbours applied once, a redelivery ignored', async () => {
    expect(broker?.startedHere).toBe(true);
    const account = newId('account');
    const created = Array.from({ length: 60 }, () => buildEvent('customer.created', account, { object: 'customer', id: newId('customer') }));
    const poison = buildEvent('customer.deleted', account, { object: 'customer', id: newId('customer'), deleted: true });
    // Written while no consumer runs, so the consumer meets them as one fetched batch.
    await db.$transaction(async (tx) => {
      for (const event of [...created.slice(0, 30), poison, ...created.slice(30)]) await writeOutboxEvent(tx, event);
    });
    const redelivered = created[5]!;
    const producer = new Kafka({ clientId: 'relay-test-redeliver', brokers: [BROKERS], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.customer, messages: [{ key: account, value: JSON.stringify(redelivered) }] });
    await producer.disconnect();

    service = await bootService();
    const ids = created.map((e) => e.id);
    const count = async (sql: string) => Number((await db.$queryRawUnsafe<{ n: string }[]>(sql, ids))[0]!.n);
    await until('all 60 applied', 60_000, async () => (await count('SELECT count(*) AS n FROM relay_test_effects WHERE event_id = ANY($1::text[])')) === 60);
    await sleep(1_000); // the redelivery, behind them, has been seen too
    // Each once (no key on the table: a second apply would show as a second row).
    expect(await count('SELECT count(*) AS n FROM relay_test_effects WHERE event_id = ANY($1::text[])')).toBe(60);
    // Rows of one transaction share its now(): far fewer distinct times than events means runs.
    expect(await count('SELECT count(DISTINCT processed_at) AS n FROM processed_events WHERE event_id = ANY($1::text[])')).toBeLessThan(15);
    const [recorded] = await db.$queryRawUnsafe<{ n: string }[]>('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', poison.id);
    expect(Number(recorded!.n)).toBe(0); // rolled back with its run, then parked on its own
    const parked = await readTopic(TOPICS.parked, 1);
    expect(parked.some((m) => m.headers['event-id'] === poison.id)).toBe(true);
    await service.stop();
    service = undefined;
  });

  it('batches stay under the byte bound, and a row the broker refuses as too large is parked while the rows behind it go out', async () => {
    expect(broker).toBeDefined();
    const kafka = createKafka('relay-test-size', [BROKERS], logger);
    await ensureTopics(kafka, [TOPICS.parked]);
    const kadmin = kafka.admin();
    await kadmin.connect();
    await kadmin.createTopics({ waitForLeaders: true, topics: [{ topic: SIZE_TOPIC, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '20000' }] }] });
    await kadmin.disconnect();

    const account = newId('account');
    const row = (n: number, bytes: number) => ({ id: newId('event'), n, pad: 'x'.repeat(bytes) });
    const rows = [...[1, 2, 3, 4, 5, 6].map((n) => row(n, 8_000)), row(7, 30_000), row(8, 1_000), row(9, 1_000)];
    for (const r of rows) {
      // Straight into the table, as a row written before the size limit (or for a broker with a lower one) would be.
      await db.$executeRawUnsafe(
        "INSERT INTO outbox_events (id, account, type, topic, payload) VALUES ($1, $2, 'customer.updated', $3, $4::jsonb)",
        r.id,
        account,
        SIZE_TOPIC,
        JSON.stringify(r),
      );
    }

    const producer = kafka.producer({ maxInFlightRequests: 1 });
    const batches: number[] = [];
    const recording = new Proxy(producer, {
      get(target, prop, receiver) {
        if (prop === 'sendBatch') {
          return (batch: Parameters<Producer['sendBatch']>[0]) => {
            batches.push(batch.topicMessages!.flatMap((t) => t.messages).reduce((n, m) => n + messageBytes(m as never), 0));
            return target.sendBatch(batch);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const relay = new OutboxRelay({ db, producer: recording, logger, service: 'relay-test', maxBatchBytes: 20_000, intervalMs: 200 });
    relay.start();
    try {
      await until('every row marked', 60_000, async () => {
        const [left] = await db.$queryRawUnsafe<{ n: string }[]>('SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL');
        return Number(left!.n) === 0;
      });
    } finally {
      await relay.stop();
      await producer.disconnect();
    }

    expect(batches.length).toBeGreaterThanOrEqual(4); // 6 × 8 KB rows need 3 batches of 2 under 20 000 bytes, then the rest
    expect(Math.max(...batches.filter((b) => b < 30_000))).toBeLessThanOrEqual(20_000);
    const published = await readTopic(SIZE_TOPIC, 8);
    expect(published.map((m) => (JSON.parse(m.value) as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);

    const [parkedRow] = await db.$queryRawUnsafe<{ parked_reason: string | null; published_at: Date | null }[]>(
      'SELECT parked_reason, published_at FROM outbox_events WHERE id = $1',
      rows[6]!.id,
    );
    expect(parkedRow!.parked_reason).toMatch(/^MESSAGE_TOO_LARGE/);
    expect(parkedRow!.published_at).not.toBeNull();
    const parked = (await readTopic(TOPICS.parked, 1)).filter((m) => m.headers['event-id'] === rows[6]!.id);
    expect(parked).toHaveLength(1);
    expect(parked[0]!.headers).toMatchObject({ 'parked-kind': 'stub', 'parked-by': 'outbox-relay:relay-test' });
    expect(JSON.parse(parked[0]!.value)).toMatchObject({ id: rows[6]!.id, topic: SIZE_TOPIC, service: 'relay-test' });
    expect(parked[0]!.value.length).toBeLessThan(1_000); // a stub, not the event
  });

  it('while another relay holds the lock nothing is published, even when told rows wait; once it is free they go, stamped after the ack', async () => {
    expect(broker).toBeDefined();
    const kafka = createKafka('relay-test-lock', [BROKERS], logger);
    const producer = kafka.producer({ maxInFlightRequests: 1 });
    await producer.connect();
    const relay = new OutboxRelay({ db, producer, logger, service: 'relay-test' });
    const id = newId('event');
    await db.$executeRawUnsafe("INSERT INTO outbox_events (id, account, type, topic, payload) VALUES ($1, $2, 'customer.updated', $3, '{}'::jsonb)", id, newId('account'), SIZE_TOPIC);
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(7042001)');
      expect(await relay.publishBatch(true)).toBe(0);
      expect(await relay.publishBatch(false)).toBe(0);
      const [held] = await db.$queryRawUnsafe<{ published_at: Date | null }[]>('SELECT published_at FROM outbox_events WHERE id = $1', id);
      expect(held!.published_at).toBeNull();
      await other.query('COMMIT');
      const released = Date.now();
      await until('the row published', 15_000, async () => (await relay.publishBatch(true)) >= 0 && (await db.$queryRawUnsafe<{ published_at: Date | null }[]>('SELECT published_at FROM outbox_events WHERE id = $1', id))[0]!.published_at);
      const [done] = await db.$queryRawUnsafe<{ published_at: Date }[]>('SELECT published_at FROM outbox_events WHERE id = $1', id);
      expect(done!.published_at.getTime()).toBeGreaterThanOrEqual(released - 5);
    } finally {
      await other.end();
      await producer.disconnect();
    }
  });

  it('writeOutboxEvent refuses an event above 256 KiB, so the write fails and no row is left', async () => {
    const event = buildEvent('customer.updated', newId('account'), { object: 'customer', id: newId('customer'), description: 'x'.repeat(300 * 1024) });
    await expect(db.$transaction((tx) => writeOutboxEvent(tx, event))).rejects.toThrow(OutboxEventTooLargeError);
    const [row] = await db.$queryRawUnsafe<{ n: string }[]>('SELECT count(*) AS n FROM outbox_events WHERE id = $1', event.id);
    expect(Number(row!.n)).toBe(0);
    const fits = buildEvent('customer.updated', newId('account'), { object: 'customer', id: newId('customer'), description: 'x'.repeat(200 * 1024) });
    await db.$transaction((tx) => writeOutboxEvent(tx, fits));
  });
});
