import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  buildEvent,
  createKafka,
  createLogger,
  ensureTopics,
  EventConsumer,
  newId,
  PoisonMessageError,
  type RawSql,
  type Topic,
} from '@paygate/chassis';
import { pgSql } from '../../services/chassis/src/pg-sql';
import { dropScratch } from '../../test/support/scratch';
import { databaseUrl, ROOT } from '../src/topology';

/**
 * `pnpm events:parked` and `pnpm events:replay --id` through the real CLI (commander), against the
 * shared broker: a consumer of this file's own parks an event its handler refuses, the listing shows
 * it, a replay re-delivers it to its source topic once the handler takes it, and the listing then
 * says replayed. Only this file's own event is replayed (never --all: the parked topic is shared).
 */
jest.setTimeout(120_000);

const exec = promisify(execFile);
const run = newId('event', 8).slice(4).toLowerCase();
const TOPIC = `paygate.test.parked-cli.${run}` as Topic;
const GROUP = `paygate-test-parked-cli-${run}`;
const DATABASE = `paygate_parked_cli_${run}`;
const brokers = process.env.PAYGATE_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';

async function cli(...args: string[]) {
  return exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'infra', 'src', 'events-cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: brokers },
    timeout: 60_000,
  });
}

interface Listed {
  eventId: string | null;
  kind: string;
  reason: string;
  parkedBy: string;
  source: { topic: string; partition: number; offset: string } | null;
  replayedAt: string | null;
}

async function listed(eventId: string): Promise<Listed[]> {
  const { stdout } = await cli('parked', '--json');
  return (JSON.parse(stdout) as Listed[]).filter((e) => e.eventId === eventId);
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('pnpm events:parked / events:replay', () => {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  const db = pgSql(databaseUrl(DATABASE), 5);
  const kafka = createKafka('paygate-test-parked-cli', [brokers], createLogger('parked-cli-test', 'silent'));
  let consumer: EventConsumer<RawSql> | undefined;
  let accept = false;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await db.$executeRawUnsafe('CREATE TABLE processed_events (event_id text PRIMARY KEY, type text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())');
    await ensureTopics(kafka, [TOPIC]);
    consumer = new EventConsumer({
      kafka,
      db,
      logger: createLogger('parked-cli-test', 'silent'),
      groupId: GROUP,
      topics: [TOPIC],
      handlers: {
        'customer.created': async () => {
          if (!accept) throw new PoisonMessageError('not accepted yet');
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await db.$disconnect();
    await dropScratch(kafka, admin, { groups: [GROUP], topics: [TOPIC], database: DATABASE });
    await admin.end();
  });

  it('lists a parked event with its reason and source, replays it by id to its topic, and then lists it as replayed', async () => {
    const event = buildEvent('customer.created', newId('account'), { object: 'customer', id: newId('customer') });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: event.account, value: JSON.stringify(event), headers: { 'event-id': event.id, 'event-type': event.type } }] });
    await producer.disconnect();

    const [entry] = await until('the event listed as parked', 60_000, async () => {
      const found = await listed(event.id);
      return found.length > 0 ? found : null;
    });
    expect(entry).toMatchObject({ kind: 'message', parkedBy: GROUP, replayedAt: null, reason: 'poison: not accepted yet', source: { topic: TOPIC } });
    const { stdout: table } = await cli('parked');
    expect(table).toMatch(new RegExp(`${event.id}\\s+customer\\.created\\s+${TOPIC.replace(/\./g, '\\.')}/\\d+/\\d+`));

    accept = true;
    const { stdout: replayed } = await cli('replay', '--id', event.id);
    expect(replayed).toContain(`replayed ${event.id} to ${TOPIC}`);
    await until('the replayed event applied', 30_000, async () => {
      const rows = await db.$queryRawUnsafe<{ event_id: string }[]>('SELECT event_id FROM processed_events WHERE event_id = $1', event.id);
      return rows.length === 1 ? true : null;
    });
    const after = await listed(event.id);
    expect(after).toHaveLength(1); // applied, not parked again
    expect(after[0]!.replayedAt).not.toBeNull();
  });

  it('replay needs --id or --all, and refuses an id it has no parked message for', async () => {
    await expect(cli('replay')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('give --id evt_… or --all') });
    await expect(cli('replay', '--id', 'evt_doesnotexist0000')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no replayable parked message') });
    await expect(cli('replay', '--id', 'evt_x', '--all')).rejects.toMatchObject({ code: 1 });
  });
});
