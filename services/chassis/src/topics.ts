import type { Kafka } from 'kafkajs';
import { ALL_TOPICS } from './events';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Create the catalog's topics if missing and wait until every partition has a leader (idempotent,
 * safe beside a concurrent caller). Three partitions: events are keyed by account.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[] = ALL_TOPICS, replicationFactor = 1): Promise<void> {
  const wanted = [...new Set(topics)];
  if (wanted.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // Resolves false (no throw) when a concurrent caller created them first.
      await admin.createTopics({
        waitForLeaders: true,
        timeout: 30_000,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor })),
      });
    }
    const deadline = Date.now() + 30_000;
    let pending = wanted.join(', ');
    for (;;) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: wanted });
        const leaderless = meta.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
        if (leaderless.length === 0 && meta.length === wanted.length) return;
        pending = leaderless.map((t) => t.name).join(', ') || pending;
      } catch (e) {
        pending = `${pending} (${(e as Error).message})`;
      }
      if (Date.now() > deadline) throw new Error(`topics without partition leaders after 30s: ${pending}`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
