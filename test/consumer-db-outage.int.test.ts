import path from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { buildEvent, createKafka, createLogger, ensureTopics, EventConsumer, newId, registry, TOPICS, type Topic } from '../services/chassis/src';
import { applyMigrations } from '../infra/src/migrations';
import { dropScratch } from './support/scratch';
import { eventually } from './support/stack';
import { databaseUrl, ROOT } from '../infra/src/topology';
import { createPrismaClient, type BalanceTx } from '../services/balance/src/db/client';
import { bookCapturedCharge } from '../services/balance/src/events/captured-charge';

/**
 * A database outage while events flow parks nothing: the ledger's real handlers, the chassis
 * consumer, the shared broker, and a balance database of this file's own whose access is cut
 * (CONNECTION LIMIT 0 + pg_terminate_backend; the limit binds a non-superuser role only) for longer
 * than the old five-retries budget (~3 s). Its own topic and group, so the stack's balance
 * consumer is not involved.
 */
jest.setTimeout(120_000);

const run = newId('event', 8).slice(4).toLowerCase();
const ROLE = 'paygate_outage_test';
const DATABASE = `paygate_outage_${run}`;
const TOPIC = `paygate.test.outage.${run}` as Topic;
const GROUP = `paygate-test-outage-${run}`;
const account = newId('account');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `probe` holds (bounded). */
const until = (what: string, ms: number, probe: () => Promise<boolean>) => eventually(async () => (await probe()) || null, ms, what);

function chargeSucceeded(n: number) {
  return buildEvent('charge.succeeded', account, {
    object: 'charge',
    id: newId('charge'),
    amount: 1000 + n,
    amountCaptured: 1000 + n,
    currency: 'usd',
    created: Math.floor(Date.now() / 1000),
    captured: true,
    description: null,
    balanceTransactionId: newId('balanceTransaction'),
    funds: 'standard',
  });
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const { values } = await registry.getSingleMetric(name)!.get();
  return values
    .filter((v: { labels: Record<string, unknown> }) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((n: number, v: { value: number }) => n + v.value, 0);
}

/** The parked topic's records this file's group parked (the topic is shared with the other tests' consumers). */
async function parkedBy(brokers: string, group: string, expected: number) {
  const kafka = new Kafka({ clientId: 'paygate-test-outage-parked', brokers: [brokers], logLevel: logLevel.NOTHING });
  const reader = kafka.consumer({ groupId: `${group}-reader`, maxWaitTimeInMs: 250 });
  const found: { value: string; headers: Record<string, string> }[] = [];
  await reader.connect();
  await reader.subscribe({ topic: TOPICS.parked, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      if (headers['parked-by'] === group) found.push({ value: String(message.value), headers });
    },
  });
  try {
    await until(`${expected} parked by ${group}`, 30_000, async () => (found.length >= expected));
    return found;
  } finally {
    await reader.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([`${group}-reader`]).catch(() => undefined);
    await admin.disconnect();
  }
}

describe('consumer: a database outage is retried, never parked', () => {
  const brokers = process.env.PAYGATE_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  const url = databaseUrl(DATABASE).replace('://postgres@', `://${ROLE}@`);
  const prisma = createPrismaClient(url);
  const kafka = createKafka('paygate-test-outage', [brokers], createLogger('outage-test', 'silent'));
  let consumer: EventConsumer<BalanceTx> | undefined;
  let producer: Producer | undefined;

  const committed = async () => {
    const kadmin = new Kafka({ clientId: 'paygate-test-outage-admin', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await kadmin.connect();
    try {
      const [offsets] = await kadmin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
      return offsets!.partitions.reduce((n, p) => n + Math.max(Number(p.offset), 0), 0);
    } finally {
      await kadmin.disconnect();
    }
  };
  let ledger: Client;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN; END IF; END $$`);
    await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
    await applyMigrations({ serviceDir: path.join(ROOT, 'services', 'balance'), databaseUrl: url });
    // Counted as the superuser: the limit does not bind it, so the test sees the ledger during the outage.
    ledger = new Client({ connectionString: databaseUrl(DATABASE) });
    await ledger.connect();
    await ensureTopics(kafka, [TOPIC]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await prisma.$disconnect();
    await ledger?.end();
    await dropScratch(kafka, admin, { groups: [GROUP], topics: [TOPIC], database: DATABASE });
    await admin.end();
  });

  it('events sent while the ledger database refuses connections are all booked once it is back, and none is parked', async () => {
    consumer = new EventConsumer({ kafka, db: prisma, logger: createLogger('outage-test', 'silent'), groupId: GROUP, topics: [TOPIC], handlers: { 'charge.succeeded': bookCapturedCharge(() => Math.floor(Date.now() / 1000)) } });
    await consumer.start();
    const send = (events: ReturnType<typeof chargeSucceeded>[]) =>
      producer!.send({ topic: TOPIC, acks: -1, messages: events.map((e) => ({ key: e.account, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } })) });

    const count = async () => Number((await ledger.query('SELECT count(*) AS n FROM balance_transactions')).rows[0].n);
    await send([1, 2, 3].map(chargeSucceeded));
    await until('the first 3 entries', 30_000, async () => ((await count()) === 3));
    await until('their offsets committed', 15_000, async () => ((await committed()) === 3));

    // Cut the ledger off: no new connection, and the pool's open ones terminated.
    await admin.query(`ALTER DATABASE ${DATABASE} CONNECTION LIMIT 0`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = $2`, [DATABASE, ROLE]);
    await send([4, 5, 6, 7, 8].map(chargeSucceeded));
    await until('a handler retrying', 15_000, async () => (consumer!.current().state === 'retrying'));
    await sleep(6_000); // twice the old budget after which these would have been parked
    expect(await count()).toBe(3);
    expect(await committed()).toBe(3); // the offset is held, not committed past the failing event
    expect(await metric('paygate_consumer_retries_total', { reason: 'infrastructure' })).toBeGreaterThan(3);

    await admin.query(`ALTER DATABASE ${DATABASE} CONNECTION LIMIT -1`);
    // The retry delay has grown to at most a few seconds by now: the backlog is booked soon after.
    await until('all 8 entries', 45_000, async () => ((await count()) === 8));
    await until('all offsets committed', 15_000, async () => ((await committed()) === 8));
    expect(consumer.current().state).toBe('running');
    expect(Number((await ledger.query('SELECT count(*) AS n FROM processed_events')).rows[0].n)).toBe(8);
    expect(await metric('paygate_events_consumed_total', { outcome: 'parked' })).toBe(0);
    expect(await metric('paygate_events_consumed_total', { outcome: 'processed' })).toBe(8);
  });

  it('a message that can never succeed is parked at once with its reason and source, and the partition moves on', async () => {
    const bad = buildEvent('charge.succeeded', account, { object: 'charge', id: newId('charge'), amount: 'ten' }); // fails the handler's schema
    const good = chargeSucceeded(9);
    await producer!.send({
      topic: TOPIC,
      acks: -1,
      messages: [
        { key: account, value: 'not json' },
        { key: account, value: JSON.stringify(bad), headers: { 'event-id': bad.id, 'event-type': bad.type } },
        { key: account, value: JSON.stringify(good), headers: { 'event-id': good.id, 'event-type': good.type } },
      ],
    });
    const count = async () => Number((await ledger.query('SELECT count(*) AS n FROM balance_transactions')).rows[0].n);
    await until('the good event after the two bad ones', 30_000, async () => ((await count()) === 9));
    const parked = await parkedBy(brokers, GROUP, 2);
    expect(parked).toHaveLength(2);
    const [undecodable, poison] = parked;
    expect(undecodable!.value).toBe('not json');
    expect(undecodable!.headers).toMatchObject({ 'parked-kind': 'message', 'parked-by': GROUP });
    expect(undecodable!.headers['parked-reason']).toMatch(/^unparseable event/);
    expect(poison!.headers).toMatchObject({ 'parked-kind': 'message', 'event-id': bad.id, 'event-type': 'charge.succeeded' });
    expect(poison!.headers['parked-reason']).toMatch(/^poison: /);
    expect(poison!.headers['parked-from']).toMatch(new RegExp(`^${TOPIC.replace(/\./g, '\\.')}/\\d+/\\d+$`));
    expect(JSON.parse(poison!.value)).toEqual(bad); // the original bytes, replayable
    expect(await metric('paygate_events_consumed_total', { outcome: 'parked' })).toBe(2);
    expect(consumer!.current().state).toBe('running');
  });
});
