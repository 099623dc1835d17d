import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { backoffDelayMs, CONNECT_RETRY, HANDLER_RETRY, sleep } from './backoff';
import { classifyConsumerFailure } from './consumer-failure';
import { eventEnvelopeSchema, TOPICS, type EventEnvelope, type EventType, type Topic } from './events';
import type { Logger } from './logger';
import { consumerRetries, eventsConsumed, kafkaClientConnected } from './metrics';
import { parkedHeaders } from './parked';
import type { RawSql, TransactionRunner } from './sql';
import { ensureTopics } from './topics';
import { contextFromKafkaHeaders, SpanKind, TRACING, withSpan } from './tracing';

/**
 * An idempotent Kafka consumer. Each event's effect and its id (processed_events) commit in one
 * transaction, so a redelivered event changes nothing; the offset is committed after that write.
 * A handler failure is classified (consumer-failure.ts): the database or broker being away, or an
 * unexpected error, is retried with backoff (100 ms doubling to 30 s) for as long as it takes, the
 * offset not committed and the partition held; only a message that can never succeed (undecodable,
 * not an envelope, PoisonMessageError or a payload schema error from the handler) is parked on the
 * parked topic (parked.ts) so the partition moves on. Table contract: processed_events(event_id pk,
 * type, processed_at, index on processed_at for pruning.ts).
 *
 * A fetched batch is applied in runs of up to BATCH_MAX_EVENTS events, one transaction a run (one
 * commit and one processed_events statement instead of one each per event: under load the ledger
 * keeps up with a fraction of the round trips). A run that fails for any reason is rolled back whole
 * and split in halves, down to single events that get the retry and parking rules above, so one
 * poison event never holds back or takes down its neighbours.
 */
export type EventHandler<Tx> = (event: EventEnvelope, tx: Tx) => Promise<void>;

/**
 * With tracing on, each event's effect is a span (`process <type>`) whose parent is the producer's,
 * taken from the message's `traceparent` header: the ledger entry a charge makes shows in the
 * charge request's trace. The kafkajs instrumentation's own spans for an eachBatch consumer only
 * link to the producers (one poll span a batch), so the parent is set here.
 */
function tracedHandler<Tx>(handler: EventHandler<Tx>, message: KafkaMessage, topic: string, partition: number, groupId: string): EventHandler<Tx> {
  return (event, tx) =>
    withSpan(
      `process ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromKafkaHeaders(message.headers),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.consumer.group.name': groupId,
          'messaging.kafka.offset': Number(message.offset),
          'messaging.message.id': event.id,
          'paygate.event_type': event.type,
          'paygate.account': event.account,
        },
      },
      () => handler(event, tx),
    );
}

export interface EventConsumerOptions<Tx extends RawSql> {
  kafka: Kafka;
  groupId: string;
  topics: Topic[];
  db: TransactionRunner<Tx>;
  handlers: Partial<Record<EventType, EventHandler<Tx>>>;
  logger: Logger;
  /** @deprecated Ignored: infrastructure failures are retried until they succeed, poison messages are parked at once. */
  maxAttempts?: number;
}

export type Outcome = 'processed' | 'duplicate' | 'ignored';

/** connecting: not consuming yet (the broker may be away; it keeps trying). retrying: a handler is waiting to run again. */
export type ConsumerState = 'connecting' | 'running' | 'retrying' | 'stopped';

export interface ConsumerStatus {
  state: ConsumerState;
  /** Why it is connecting or retrying. */
  lastError: string | null;
}

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

/**
 * Record a run of events and apply the new ones, in order, in one transaction: an id already
 * recorded (or twice in the run) is a duplicate and changes nothing. Returns each event's outcome.
 */
export async function applyRun<Tx extends RawSql>(
  db: TransactionRunner<Tx>,
  run: readonly { event: EventEnvelope; handler: EventHandler<Tx> }[],
): Promise<Exclude<Outcome, 'ignored'>[]> {
  return db.$transaction(async (tx) => {
    const recorded = await tx.$queryRawUnsafe<{ event_id: string }[]>(
      `INSERT INTO processed_events (event_id, type)
       SELECT DISTINCT ON (event_id) event_id, type FROM unnest($1::text[], $2::text[]) AS run(event_id, type)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      run.map(({ event }) => event.id),
      run.map(({ event }) => event.type),
    );
    const fresh = new Set(recorded.map((r) => r.event_id));
    const outcomes: Exclude<Outcome, 'ignored'>[] = [];
    for (const { event, handler } of run) {
      // The first of two deliveries in one run takes the id; the second is a duplicate.
      if (!fresh.delete(event.id)) {
        outcomes.push('duplicate');
        continue;
      }
      await handler(event, tx);
      outcomes.push('processed');
    }
    return outcomes;
  });
}

/** At most this many events share one transaction. */
const BATCH_MAX_EVENTS = 100;

interface DecodedMessage<Tx> {
  message: KafkaMessage;
  event: EventEnvelope;
  handler: EventHandler<Tx>;
}

/** Thrown out of eachMessage on stop(): the message stays uncommitted and is redelivered to whoever consumes next. */
class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping; the message is left uncommitted');
    this.name = 'ConsumerStopping';
  }
}

/** A stuck wait still heartbeats this often, so the group keeps the member (session timeout 15 s). */
const HEARTBEAT_SLICE_MS = 1_000;
/** stop() waits at most this long for a connection attempt in flight. */
const STOP_WAIT_MS = 3_000;

export class EventConsumer<Tx extends RawSql> {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly stopping = new AbortController();
  private status: ConsumerStatus = { state: 'connecting', lastError: null };
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    // kafkajs' default heartbeat (3 s, a fifth of the 15 s session): a member is still kept through any wait, and an idle consumer wakes less.
    this.consumer = options.kafka.consumer({ groupId: options.groupId, sessionTimeout: 15_000, heartbeatInterval: 3_000 });
    this.producer = options.kafka.producer({ maxInFlightRequests: 1 });
    // kafkajs restarts itself after a retriable crash; after any other it stays down: start over.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping.signal.aborted) return;
      this.options.logger.error({ err: payload.error }, 'consumer crashed; reconnecting');
      this.setStatus('connecting', payload.error);
      void this.consumer.disconnect().catch(() => undefined).then(() => this.start());
    });
  }

  /**
   * Make the topics, connect, subscribe and run; while the broker is away, keep trying with backoff
   * (500 ms doubling to 10 s). Resolves once consuming, or when stop() is called first.
   */
  start(): Promise<void> {
    this.connecting ??= this.connectUntilRunning().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  current(): ConsumerStatus {
    return { ...this.status };
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.connecting) await Promise.race([this.connecting, sleep(STOP_WAIT_MS)]);
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    this.setStatus('stopped');
  }

  private setStatus(state: ConsumerState, err?: unknown): void {
    this.status = { state, lastError: err === undefined ? null : err instanceof Error ? err.message : String(err) };
    kafkaClientConnected.set({ client: 'consumer' }, state === 'running' || state === 'retrying' ? 1 : 0);
  }

  private async connectUntilRunning(): Promise<void> {
    const { kafka, topics, groupId, logger } = this.options;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        // The parked topic too: a poison event must have somewhere to go, whatever made the topics.
        await ensureTopics(kafka, [...topics, TOPICS.parked]);
        await this.producer.connect();
        await this.consumer.connect();
        await this.consumer.subscribe({ topics, fromBeginning: true });
        await this.consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) });
        if (this.stopping.signal.aborted) break;
        if (attempt > 1) logger.info({ groupId, attempt }, 'consumer connected');
        this.setStatus('running');
        return;
      } catch (err) {
        const delay = backoffDelayMs(attempt, CONNECT_RETRY);
        this.setStatus('connecting', err);
        logger.warn({ err, groupId, attempt, retryInMs: delay }, 'consumer could not connect to Kafka; retrying');
        await this.consumer.disconnect().catch(() => undefined);
        await sleep(delay, this.stopping.signal);
      }
    }
    await this.consumer.disconnect().catch(() => undefined);
  }

  /**
   * A fetched batch, in offset order: consecutive events with a handler are applied in runs (applyRun);
   * an undecodable message is parked and one without a handler skipped, each where it stands. The
   * offset after each run or message is resolved and committed as kafkajs sees fit.
   */
  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    let run: DecodedMessage<Tx>[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      await this.applyRunOrEach(topic, partition, run, heartbeat);
      resolveOffset(run[run.length - 1]!.message.offset);
      run = [];
      await commitOffsetsIfNecessary();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
      const decoded = this.decode(message, topic, partition);
      if (decoded.handler) {
        run.push(decoded as DecodedMessage<Tx>);
        if (run.length >= BATCH_MAX_EVENTS) await flush();
        continue;
      }
      await flush();
      if (decoded.event) eventsConsumed.inc({ type: decoded.event.type, outcome: 'ignored' });
      else await this.park(topic, partition, message, decoded.error, heartbeat);
      resolveOffset(message.offset);
    }
    await flush();
    await heartbeat();
  }

  private decode(message: KafkaMessage, topic: string, partition: number): { message: KafkaMessage; event?: EventEnvelope; handler?: EventHandler<Tx>; error: string } {
    try {
      const event = eventEnvelopeSchema.parse(JSON.parse(message.value?.toString('utf8') ?? '')) as EventEnvelope;
      const handler = this.options.handlers[event.type];
      return { message, event, handler: handler && TRACING ? tracedHandler(handler, message, topic, partition, this.options.groupId) : handler, error: '' };
    } catch (err) {
      return { message, error: `unparseable event: ${(err as Error).message}` };
    }
  }

  /**
   * The run in one transaction; if that fails for any reason, each half on its own, down to single
   * events (retried or parked by applyEach): a poison event costs a few extra transactions, not one
   * per neighbour.
   */
  private async applyRunOrEach(topic: string, partition: number, run: DecodedMessage<Tx>[], heartbeat: () => Promise<void>): Promise<void> {
    if (run.length === 1) {
      const [{ message, event, handler }] = run as [DecodedMessage<Tx>];
      return this.applyEach(topic, partition, message, event, handler, heartbeat);
    }
    try {
      const outcomes = await applyRun(this.options.db, run);
      outcomes.forEach((outcome, i) => this.counted(run[i]!.event, outcome, 1));
      return;
    } catch (err) {
      this.options.logger.info({ err, events: run.length, topic, partition }, 'a run of events failed together; applying each half on its own');
    }
    const half = Math.ceil(run.length / 2);
    await this.applyRunOrEach(topic, partition, run.slice(0, half), heartbeat);
    await this.applyRunOrEach(topic, partition, run.slice(half), heartbeat);
  }

  private counted(event: EventEnvelope, outcome: Exclude<Outcome, 'ignored'>, attempt: number): void {
    eventsConsumed.inc({ type: event.type, outcome });
    if (outcome === 'duplicate') this.options.logger.info({ eventId: event.id, type: event.type }, 'duplicate event ignored');
    if (attempt > 1) this.options.logger.info({ eventId: event.id, attempts: attempt }, 'event handled after retries');
    if (this.status.state === 'retrying') this.setStatus('running');
  }

  private async applyEach(
    topic: string,
    partition: number,
    message: KafkaMessage,
    event: EventEnvelope,
    handler: EventHandler<Tx>,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.counted(event, await applyOnce(this.options.db, event, handler), attempt);
        return;
      } catch (err) {
        const failure = classifyConsumerFailure(err);
        if (failure === 'poison') {
          await this.park(topic, partition, message, `poison: ${(err as Error).message}`, heartbeat, event);
          return;
        }
        const delay = backoffDelayMs(attempt, HANDLER_RETRY);
        consumerRetries.inc({ type: event.type, reason: failure });
        this.setStatus('retrying', err);
        const context = { err, eventId: event.id, type: event.type, topic, partition, offset: message.offset, attempt, retryInMs: delay };
        if (failure === 'infrastructure') logger.warn(context, 'event handler failed (infrastructure); retrying, offset held');
        else logger.error(context, 'event handler failed unexpectedly; retrying, offset held (throw PoisonMessageError to park)');
        await this.waitHeartbeating(delay, heartbeat);
      }
    }
  }

  /** Sleep `ms` in slices, heartbeating between them; throws on stop() (or a rebalance, from heartbeat). */
  private async waitHeartbeating(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      await sleep(Math.min(HEARTBEAT_SLICE_MS, Math.max(until - Date.now(), 0)), this.stopping.signal);
      if (this.stopping.signal.aborted) throw new ConsumerStopping();
      await heartbeat();
      if (Date.now() >= until) return;
    }
  }

  /** Publish the original bytes to the parked topic; a broker away is retried like any infrastructure failure. */
  private async park(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    heartbeat: () => Promise<void>,
    event?: EventEnvelope,
  ): Promise<void> {
    const eventType = event?.type ?? message.headers?.['event-type']?.toString();
    const eventId = event?.id ?? message.headers?.['event-id']?.toString();
    this.options.logger.error({ topic, partition, offset: message.offset, eventId, reason }, 'event parked');
    const headers = parkedHeaders('message', `${topic}/${partition}/${message.offset}`, { reason, by: this.options.groupId, eventId, eventType });
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.producer.send({ topic: TOPICS.parked, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
        eventsConsumed.inc({ type: eventType ?? 'unknown', outcome: 'parked' });
        return;
      } catch (err) {
        const delay = backoffDelayMs(attempt, HANDLER_RETRY);
        this.options.logger.warn({ err, attempt, retryInMs: delay }, 'could not park the event; retrying, offset held');
        await this.waitHeartbeating(delay, heartbeat);
      }
    }
  }
}
