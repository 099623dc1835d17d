import type { Producer } from 'kafkajs';
import { topicOf, type EventEnvelope } from './events';
import type { Logger } from './logger';
import { outboxPublished } from './metrics';
import type { RawSql, TransactionRunner } from './sql';

/**
 * Transactional outbox. A service writes the event row in the same transaction as the state change
 * (writeOutboxEvent); the relay publishes unpublished rows in order and marks them, so an event is
 * published at least once and never without its state change. Table contract (each producer's
 * Prisma schema has it): outbox_events(seq bigserial, id, account, type, topic, payload jsonb,
 * created_at, published_at).
 */
export async function writeOutboxEvent(tx: RawSql, event: EventEnvelope): Promise<void> {
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox_events (id, account, type, topic, payload) VALUES ($1, $2, $3, $4, $5::jsonb)',
    event.id,
    event.account,
    event.type,
    topicOf(event.type),
    JSON.stringify(event),
  );
}

interface OutboxRow {
  id: string;
  account: string;
  type: string;
  topic: string;
  payload: string;
}

/** Any number per database; one at a time holds this transaction-scoped lock, which keeps order. */
const RELAY_LOCK_KEY = 7_042_001;

export interface OutboxRelayOptions {
  db: TransactionRunner;
  producer: Producer;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private readonly intervalMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: OutboxRelayOptions) {
    // A safety net only: a commit in this process nudges the relay at once.
    this.intervalMs = options.intervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Publish soon: called after a commit that wrote outbox rows, and by the timer as a safety net. */
  nudge(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.drainAgain && this.timer) {
        this.drainAgain = false;
        this.nudge();
      }
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while ((await this.publishBatch()) === this.batchSize) {
        // a full batch: there may be more
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox relay: publish failed; rows stay unpublished and are retried');
    }
  }

  /** One batch in one transaction: lock, read in order, publish, mark. Kafka failure rolls back the marks. */
  async publishBatch(): Promise<number> {
    const { db, producer } = this.options;
    return db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', RELAY_LOCK_KEY);
        if (!lock?.locked) return 0;
        const rows = await tx.$queryRawUnsafe<OutboxRow[]>(
          'SELECT id, account, type, topic, payload::text AS payload FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT $1',
          this.batchSize,
        );
        if (rows.length === 0) return 0;
        const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
        for (const row of rows) {
          const messages = byTopic.get(row.topic) ?? [];
          messages.push({ key: row.account, value: row.payload, headers: { 'event-id': row.id, 'event-type': row.type } });
          byTopic.set(row.topic, messages);
        }
        await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
        await tx.$executeRawUnsafe('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::text[])', rows.map((r) => r.id));
        for (const row of rows) outboxPublished.inc({ type: row.type });
        return rows.length;
      },
      { maxWait: 5_000, timeout: 30_000 },
    );
  }
}
