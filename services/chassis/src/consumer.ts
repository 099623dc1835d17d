import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { eventEnvelopeSchema, TOPICS, type EventEnvelope, type EventType, type Topic } from './events';
import type { Logger } from './logger';
import { eventsConsumed } from './metrics';
import type { RawSql, TransactionRunner } from './sql';

/**
 * An idempotent Kafka consumer. Each event's effect and its id (processed_events) commit in one
 * transaction, so a redelivered event changes nothing; the offset is committed after that write.
 * A message that cannot be parsed, or whose handler keeps failing, is logged, counted (metrics.ts) and parked
 * on the parked topic so the partition keeps moving. Table contract: processed_events(event_id pk, type, processed_at).
 */
export type EventHandler<Tx> = (event: EventEnvelope, tx: Tx) => Promise<void>;

export interface EventConsumerOptions<Tx extends RawSql> {
  kafka: Kafka;
  groupId: string;
  topics: Topic[];
  db: TransactionRunner<Tx>;
  handlers: Partial<Record<EventType, EventHandler<Tx>>>;
  logger: Logger;
  maxAttempts?: number;
}

export type Outcome = 'processed' | 'duplicate' | 'ignored';

/** Record the event id and apply its effect in one transaction; a second delivery is a no-op. */
export async function applyOnce<Tx extends RawSql>(
  db: TransactionRunner<Tx>,
  event: EventEnvelope,
  handler: EventHandler<Tx>,
): Promise<Exclude<Outcome, 'ignored'>> {
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRawUnsafe(
      'INSERT INTO processed_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING',
      event.id,
      event.type,
    );
    if (inserted === 0) return 'duplicate';
    await handler(event, tx);
    return 'processed';
  });
}

export class EventConsumer<Tx extends RawSql> {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly maxAttempts: number;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, sessionTimeout: 15_000, heartbeatInterval: 1_000 });
    this.producer = options.kafka.producer({ maxInFlightRequests: 1 });
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => this.handle(topic, partition, message),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async handle(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const { logger } = this.options;
    let event: EventEnvelope;
    try {
      event = eventEnvelopeSchema.parse(JSON.parse(message.value?.toString('utf8') ?? '')) as EventEnvelope;
    } catch (err) {
      await this.park(topic, partition, message, `unparseable event: ${(err as Error).message}`);
      return;
    }
    const handler = this.options.handlers[event.type];
    if (!handler) {
      eventsConsumed.inc({ type: event.type, outcome: 'ignored' });
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await applyOnce(this.options.db, event, handler);
        eventsConsumed.inc({ type: event.type, outcome: outcome === 'duplicate' ? 'duplicate' : 'processed' });
        if (outcome === 'duplicate') logger.info({ eventId: event.id, type: event.type }, 'duplicate event ignored');
        return;
      } catch (err) {
        if (attempt >= this.maxAttempts) {
          await this.park(topic, partition, message, `handler failed ${attempt} times: ${(err as Error).message}`);
          return;
        }
        logger.warn({ err, eventId: event.id, attempt }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  private async park(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    eventsConsumed.inc({ type: String(message.headers?.['event-type'] ?? 'unknown'), outcome: 'parked' });
    this.options.logger.error({ topic, partition, offset: message.offset, reason }, 'event parked');
    await this.producer.send({
      topic: TOPICS.parked,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: { 'parked-reason': reason, 'parked-from': `${topic}/${partition}/${message.offset}`, 'parked-by': this.options.groupId },
        },
      ],
    });
  }
}
