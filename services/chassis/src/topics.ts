import type { Kafka } from 'kafkajs';
import { ALL_TOPICS } from './events';

/** Create the catalog's topics if missing (idempotent). Three partitions: events are keyed by account. */
export async function ensureTopics(kafka: Kafka, topics: readonly string[] = ALL_TOPICS, replicationFactor = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
