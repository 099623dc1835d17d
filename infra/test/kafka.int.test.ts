/**
 * The project's own Kafka broker (infra/src/kafka.ts) against kafkajs 2.2.4:
 * topics, an idempotent producer (acks -1), a consumer group, committed offsets.
 *
 *   pnpm exec jest --selectProjects integration --runTestsByPath infra/test/kafka.int.test.ts
 * It starts the broker itself when none answers (and then stops it at the end), or reuses a running one.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { createKafka, createLogger, ensureTopics } from '@paygate/chassis';
import { ensureKafka, tcpOpen, type KafkaHandle } from '../src/kafka';

// The first run may download the jars (~45 MB) before the broker's own 90 s start bound.
const START_TIMEOUT_MS = 240_000;

// Jest reads testTimeout only from the root config, not from a project's: set it here.
jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe('Paygate Kafka broker (Maven Central jars, KRaft) with kafkajs', () => {
  let handle: KafkaHandle;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  const run = randomUUID().slice(0, 8);
  const topic = `paygate.test.kafka-int.${run}`;
  const groupId = `paygate-test-kafka-int-${run}`;

  beforeAll(async () => {
    handle = await ensureKafka();
    kafka = new Kafka({
      clientId: 'paygate-kafka-int-test',
      brokers: [handle.brokers],
      logLevel: logLevel.ERROR,
      connectionTimeout: 3_000,
      requestTimeout: 15_000,
      retry: { initialRetryTime: 200, retries: 5 },
    });
    admin = kafka.admin();
    await admin.connect();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await handle?.stop();
  }, 60_000);

  it('answers on 127.0.0.1 with exactly one broker', async () => {
    expect(handle.brokers).toMatch(/^127\.0\.0\.1:\d+$/);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);
    expect(`${cluster.brokers[0]!.host}:${cluster.brokers[0]!.port}`).toBe(handle.brokers);
  });

  it('ensureKafka is idempotent: a second call reuses the running broker', async () => {
    const again = await ensureKafka({ log: () => undefined });
    expect(again.brokers).toBe(handle.brokers);
    expect(again.startedHere).toBe(false);
    await again.stop(); // a no-op for a reused broker
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);
  });

  it('ensureTopics creates the topic once (3 partitions, replication 1, leaders elected)', async () => {
    const client = createKafka('paygate-kafka-int-test-topics', [handle.brokers], createLogger('kafka-int-test', 'silent'));
    await ensureTopics(client, [topic]);
    await ensureTopics(client, [topic, topic]); // idempotent, duplicates ignored
    expect(await admin.listTopics()).toContain(topic);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics).toHaveLength(1);
    const partitions = topics[0]!.partitions;
    expect(partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    for (const p of partitions) {
      expect(p.leader).toBeGreaterThanOrEqual(0);
      expect(p.replicas).toHaveLength(1);
    }
  });

  it('auto topic creation is off: producing to an unknown topic fails', async () => {
    // A client of its own that logs nothing: the expected metadata errors are not noise in the run.
    const quiet = new Kafka({ clientId: 'paygate-kafka-int-test-quiet', brokers: [handle.brokers], logLevel: logLevel.NOTHING });
    const p = quiet.producer({ retry: { retries: 1, initialRetryTime: 100 } });
    await p.connect();
    try {
      await expect(
        p.send({ topic: `paygate.test.missing.${run}`, acks: -1, messages: [{ value: 'x' }] }),
      ).rejects.toThrow(/does not host this topic-partition/);
      expect(await admin.listTopics()).not.toContain(`paygate.test.missing.${run}`);
    } finally {
      await p.disconnect();
    }
  });

  it('round-trips keyed messages: idempotent producer, consumer group, committed offsets', async () => {
    const messages = [
      { key: 'acct_alpha', value: JSON.stringify({ n: 1, type: 'charge.succeeded' }) },
      { key: 'acct_beta', value: JSON.stringify({ n: 2, type: 'refund.created' }) },
      { key: 'acct_alpha', value: JSON.stringify({ n: 3, type: 'payout.paid' }) },
    ];

    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const metadata = await producer.send({ topic, acks: -1, messages });
    expect(metadata.every((m) => m.errorCode === 0 && m.topicName === topic)).toBe(true);

    const consumed: Array<{ key: string; value: string; partition: number; offset: string }> = [];

    // maxWaitTimeInMs: disconnect() waits for the in-flight long poll (kafkajs default 5 s).
    consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        consumed.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          partition,
          offset: message.offset,
        });
        await consumer!.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    await until('3 consumed messages', 30_000, () => (consumed.length >= messages.length ? true : undefined));
    await consumer.disconnect();
    consumer = undefined;

    // Same messages back, nothing extra; same key => same partition, in produce order.
    expect(consumed).toHaveLength(3);
    expect(consumed.map(({ key, value }) => ({ key, value })).sort((a, b) => a.value.localeCompare(b.value))).toEqual(
      messages,
    );
    const alpha = consumed.filter((m) => m.key === 'acct_alpha');
    expect(new Set(alpha.map((m) => m.partition)).size).toBe(1);
    expect(alpha.map((m) => JSON.parse(m.value).n)).toEqual([1, 3]);
    // What the broker holds, independent of the consumer: a fresh topic, so the high watermark of
    // each partition is its message count, and every partition the producer wrote to starts at 0.
    const high = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    expect([...high.values()].reduce((a, b) => a + b, 0)).toBe(3);
    expect(metadata.map((m) => m.partition).sort()).toEqual([...high].filter(([, n]) => n > 0).map(([p]) => p).sort());
    expect(metadata.every((m) => m.baseOffset === '0')).toBe(true);
    for (const [partition, count] of high) {
      const offsets = consumed.filter((m) => m.partition === partition).map((m) => Number(m.offset));
      expect(offsets).toEqual([...Array(count).keys()]);
    }

    // The group's committed offsets: the next offset to read, i.e. the high watermark, per partition
    // it consumed from, and -1 where it committed nothing.
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed).toHaveLength(1);
    expect(committed[0]!.topic).toBe(topic);
    const byPartition = Object.fromEntries(committed[0]!.partitions.map((p) => [p.partition, p.offset]));
    const expected = Object.fromEntries([0, 1, 2].map((p) => [p, String(high.get(p) ? high.get(p) : -1)]));
    expect(byPartition).toEqual(expected);
  }, 60_000);

  it('stop() stops a broker it started (a no-op for a reused one)', async () => {
    const port = Number(handle.brokers.split(':')[1]);
    await consumer?.disconnect();
    await producer?.disconnect();
    consumer = producer = undefined;
    // Leave nothing behind on a long-lived dev broker.
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 }).catch(() => undefined);
    await admin.disconnect();
    await handle.stop();
    const open = await tcpOpen(port);
    expect(open).toBe(!handle.startedHere);
    await handle.stop(); // idempotent
  }, 60_000);
});
