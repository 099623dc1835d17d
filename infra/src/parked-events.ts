import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { foldParkedRecords, replayMarkerHeaders, selectForReplay, TOPICS, type ParkedEntry, type ParkedRecordInput } from '@paygate/chassis';

/**
 * `pnpm events:parked` / `pnpm events:replay`: the parked topic read in full and folded
 * (services/chassis/src/parked.ts). There is no consumer group to keep: the topic itself is the
 * record. A replay re-sends a parked message to the topic it came from and then appends a replay
 * marker (`parked-kind: replay`, `parked-replay-of: partition/offset`) to the parked topic, so the
 * listing shows it as replayed and `--all` skips it next time. Consumers dedupe on the event id, so
 * replaying an event that was applied meanwhile is harmless; one that is still poison is parked
 * again (a new entry).
 */
const READ_TIMEOUT_MS = 30_000;

/** Every record of the parked topic up to its current end, folded into entries. */
export async function readParked(kafka: Kafka): Promise<ParkedEntry[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(TOPICS.parked);
    ends = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];

  // A throwaway group: the listing commits nothing and leaves nothing behind.
  const groupId = `paygate-events-cli-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
  const records: ParkedRecordInput[] = [];
  const pending = new Set(ends.keys());
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [TOPICS.parked], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = ends.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        records.push({ partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value, headers: message.headers as IHeaders });
        if (BigInt(message.offset) === end - 1n) pending.delete(partition);
        if (pending.size === 0) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`read ${records.length} parked records, not the whole topic, in ${READ_TIMEOUT_MS / 1000}s`)), READ_TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return foldParkedRecords(records);
}

/** Re-sends the selected entries to their source topics, in the order they were parked, and marks each replayed. */
export async function replayParked(kafka: Kafka, selector: { id: string } | { all: true }): Promise<ParkedEntry[]> {
  const chosen = selectForReplay(await readParked(kafka), selector);
  if (chosen.length === 0) return [];
  const producer = kafka.producer({ maxInFlightRequests: 1, idempotent: true });
  await producer.connect();
  try {
    for (const entry of chosen) {
      const headers: Record<string, string> = { 'replayed-from': `${TOPICS.parked}/${entry.partition}/${entry.offset}` };
      if (entry.eventId) headers['event-id'] = entry.eventId;
      if (entry.eventType) headers['event-type'] = entry.eventType;
      await producer.send({ topic: entry.source!.topic, acks: -1, messages: [{ key: entry.key, value: entry.value, headers }] });
      await producer.send({ topic: TOPICS.parked, acks: -1, messages: [{ key: entry.key, value: null, headers: replayMarkerHeaders(entry, 'events:replay') }] });
    }
  } finally {
    await producer.disconnect();
  }
  return chosen;
}
