import type { Kafka } from 'kafkajs';
import type { Client } from 'pg';

/** What a test made for itself on the shared broker and server — its groups, topics, database — removed again. */
export async function dropScratch(kafka: Kafka, admin: Client, made: { groups?: string[]; topics?: string[]; database?: string }): Promise<void> {
  const kadmin = kafka.admin();
  await kadmin.connect();
  try {
    if (made.groups?.length) await kadmin.deleteGroups(made.groups).catch(() => undefined);
    if (made.topics?.length) await kadmin.deleteTopics({ topics: made.topics }).catch(() => undefined);
  } finally {
    await kadmin.disconnect();
  }
  if (made.database) await admin.query(`DROP DATABASE IF EXISTS ${made.database} WITH (FORCE)`);
}
