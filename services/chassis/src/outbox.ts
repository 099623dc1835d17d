import type { Producer } from 'kafkajs';
import { backoffDelayMs, CONNECT_RETRY, sleep } from './backoff';
import { TOPICS, topicOf, type EventEnvelope } from './events';
import type { Logger } from './logger';
import { kafkaClientConnected, outboxLagSeconds, outboxParked, outboxPublished } from './metrics';
import { OUTBOX_PAYLOAD_MAX_BYTES, RELAY_BATCH_MAX_BYTES, RELAY_BATCH_MAX_ROWS, takeWithinBytes, type RelayMessage } from './outbox-batch';
import { parkedHeaders } from './parked';
import type { RawSql, TransactionRunner } from './sql';
import { currentTraceParent, inTraceOf, outsideTraces, TRACING } from './tracing';

/**
 * Transactional outbox. A service writes the event row in the same transaction as the state change
 * (writeOutboxEvent); the relay publishes unpublished rows in order and marks them, so an event is
 * published at least once and never without its state change. Table contract (each producer's
 * Prisma schema has it): outbox_events(seq bigserial, id, account, type, topic, payload jsonb,
 * created_at, published_at, parked_reason, trace_context; index (published_at, seq)). trace_context is
 * the writing request's W3C traceparent when tracing is on: the relay publishes the row in that trace
 * (the kafkajs instrumentation's send span, and the `traceparent` header the consumer continues).
 */
export class OutboxEventTooLargeError extends Error {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
  ) {
    super(`${eventType} event is ${bytes} bytes; the outbox takes at most ${OUTBOX_PAYLOAD_MAX_BYTES} (outbox-batch.ts)`);
    this.name = 'OutboxEventTooLargeError';
  }
}

/** Throws OutboxEventTooLargeError above 256 KiB: the caller's transaction (and request) fails, the relay never sees it. */
export async function writeOutboxEvent(tx: RawSql, event: EventEnvelope): Promise<void> {
  const payload = JSON.stringify(event);
  const bytes = Buffer.byteLength(payload);
  if (bytes > OUTBOX_PAYLOAD_MAX_BYTES) throw new OutboxEventTooLargeError(event.type, bytes);
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox_events (id, account, type, topic, payload, trace_context) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
    event.id,
    event.account,
    event.type,
    topicOf(event.type),
    payload,
    currentTraceParent(),
  );
}

interface OutboxRow {
  id: string;
  account: string;
  type: string;
  topic: string;
  payload: string;
  trace_context: string | null;
}

type RowMessage = RelayMessage & { row: OutboxRow };

/** Any number per database; one at a time holds this transaction-scoped lock, which keeps order. */
const RELAY_LOCK_KEY = 7_042_001;
/** stop() waits at most this long for a connection attempt or batch in flight (a batch left behind rolls back and is sent again). */
const STOP_WAIT_MS = 5_000;
/** Another relay (a replica of this service) held the lock: it may have missed our rows' commit, so look again soon. */
const LOCK_BUSY_RETRY_MS = 100;
/** The oldest unpublished row's age is read at most this often. */
const LAG_EVERY_MS = 1_000;
/** A publish that failed (the broker away) is tried again this soon, not at the next tick. */
const FAILED_RETRY_MS = 1_000;

export interface OutboxRelayOptions {
  db: TransactionRunner & RawSql;
  producer: Producer;
  logger: Logger;
  /** Named in the parked topic's `parked-by` when the broker refuses a row. */
  service?: string;
  intervalMs?: number;
  batchSize?: number;
  maxBatchBytes?: number;
}

export type RelayState = 'connecting' | 'connected';

export interface RelayStatus {
  /** connecting: the producer has not reached the broker yet, or the last publish failed (rows wait, and are retried). */
  state: RelayState;
  /** Age of the oldest unpublished row, measured every interval; null until first measured. */
  outboxLagSeconds: number | null;
  lastError: string | null;
}

function isMessageTooLarge(err: unknown): boolean {
  for (let e = err as { type?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth += 1) {
    if (e.type === 'MESSAGE_TOO_LARGE') return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  /** A commit in this process wrote rows since the last drain began: the drain skips its "anything waiting?" look. */
  private rowsCommitted = false;
  private lockBusy = false;
  private lagMeasuredAt = 0;
  private connected = false;
  private connectAttempts = 0;
  private nextConnectAt = 0;
  private readonly stopping = new AbortController();
  private status: RelayStatus = { state: 'connecting', outboxLagSeconds: null, lastError: null };
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;

  constructor(private readonly options: OutboxRelayOptions) {
    // A safety net only: a commit in this process nudges the relay at once, and a relay that finds
    // another replica's relay holding the lock looks again shortly (LOCK_BUSY_RETRY_MS). Each tick
    // costs a transaction of three statements, so an idle service ticks rarely.
    this.intervalMs = options.intervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? RELAY_BATCH_MAX_ROWS;
    this.maxBatchBytes = options.maxBatchBytes ?? RELAY_BATCH_MAX_BYTES;
  }

  /** Starts at once, with or without a broker: the producer connects on the first drain and is retried with backoff. */
  start(): void {
    this.timer = setInterval(() => this.look(), this.intervalMs);
    this.timer.unref();
    this.look();
  }

  current(): RelayStatus {
    return { ...this.status };
  }

  /** Publish now: called after a commit that wrote outbox rows (so there is something to publish). */
  nudge(): void {
    this.rowsCommitted = true;
    this.look();
  }

  /** Publish whatever waits: the timer's safety net, retries, and nudges. */
  private look(): void {
    if (this.stopping.signal.aborted) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    // Not in the trace of whichever request nudged: each row is published in its own (send()).
    this.draining = outsideTraces(() => this.drain()).finally(() => {
      this.draining = undefined;
      if (this.drainAgain && this.timer) {
        this.drainAgain = false;
        this.look();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.draining) await Promise.race([this.draining, sleep(STOP_WAIT_MS)]);
  }

  private setState(state: RelayState, err?: unknown): void {
    this.status = { ...this.status, state, lastError: err === undefined ? null : err instanceof Error ? err.message : String(err) };
    kafkaClientConnected.set({ client: 'relay' }, state === 'connected' ? 1 : 0);
  }

  private async connect(): Promise<boolean> {
    if (this.connected) return true;
    if (Date.now() < this.nextConnectAt) return false;
    try {
      await this.options.producer.connect();
      this.connected = true;
      if (this.connectAttempts > 0) this.options.logger.info({ attempts: this.connectAttempts + 1 }, 'outbox producer connected');
      this.connectAttempts = 0;
      this.setState('connected');
      return true;
    } catch (err) {
      this.connectAttempts += 1;
      const delay = backoffDelayMs(this.connectAttempts, CONNECT_RETRY);
      this.nextConnectAt = Date.now() + delay;
      this.setState('connecting', err);
      this.options.logger.warn({ err, attempt: this.connectAttempts, retryInMs: delay }, 'outbox producer could not connect; events stay in the outbox');
      return false;
    }
  }

  private async drain(): Promise<void> {
    let retryInMs: number | null = null;
    let drained = false;
    try {
      if (await this.connect()) {
        // Rows a commit here just wrote are known to wait: the first batch goes straight to its transaction.
        let known = this.rowsCommitted;
        this.rowsCommitted = false;
        while (!this.stopping.signal.aborted && (await this.publishBatch(known)) > 0) {
          known = false; // there may be more
        }
        drained = !this.lockBusy && !this.stopping.signal.aborted;
        if (this.status.state !== 'connected') this.setState('connected');
        if (this.lockBusy) retryInMs = LOCK_BUSY_RETRY_MS;
      } else {
        retryInMs = Math.max(0, this.nextConnectAt - Date.now());
      }
    } catch (err) {
      this.setState('connecting', err);
      this.options.logger.warn({ err }, 'outbox relay: publish failed; rows stay unpublished and are retried');
      retryInMs = FAILED_RETRY_MS;
    }
    // Sooner than the safety-net tick when something is waiting: the lock, the broker's backoff, a failed send.
    if (retryInMs !== null && retryInMs < this.intervalMs) setTimeout(() => this.look(), retryInMs).unref();
    if (drained) {
      // Nothing unpublished is left: the lag is 0 without asking.
      this.status = { ...this.status, outboxLagSeconds: 0 };
      outboxLagSeconds.set(0);
    } else if (Date.now() - this.lagMeasuredAt >= LAG_EVERY_MS) {
      // At most once a second: under a broker outage every nudge lands here, and the lag is a gauge.
      this.lagMeasuredAt = Date.now();
      await this.measureLag();
    }
  }

  private async measureLag(): Promise<void> {
    try {
      const [oldest] = await this.options.db.$queryRawUnsafe<{ lag: number }[]>(
        'SELECT EXTRACT(EPOCH FROM (now() - created_at))::float8 AS lag FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT 1',
      );
      const lag = oldest ? Math.max(0, Math.round(oldest.lag * 1000) / 1000) : 0;
      this.status = { ...this.status, outboxLagSeconds: lag };
      outboxLagSeconds.set(lag);
    } catch {
      // the database is away: /ready says so; keep the last value
    }
  }

  /**
   * One batch in one transaction: lock, read in order, publish (≤ batchSize rows and ≤ maxBatchBytes),
   * mark. A Kafka failure rolls back the marks. Returns the rows it marked.
   */
  async publishBatch(knownWaiting = false): Promise<number> {
    const { db } = this.options;
    if (!knownWaiting) {
      // One statement, no transaction, when nothing waits (every idle tick, and the last look of each drain).
      const [waiting] = await db.$queryRawUnsafe<{ waiting: boolean }[]>('SELECT EXISTS (SELECT 1 FROM outbox_events WHERE published_at IS NULL) AS waiting');
      if (!waiting?.waiting) {
        this.lockBusy = false;
        return 0;
      }
    }
    return db.$transaction(
      async (tx) => {
        // The lock and the rows in one round trip (each await before the send is on the ledger's lag,
        // and in a busy service each costs a turn of its event loop): one row with locked = false when
        // another relay holds the lock, one with id null when nothing waits.
        const claimed = await tx.$queryRawUnsafe<(Omit<OutboxRow, 'id'> & { id: string | null; locked: boolean })[]>(
          `WITH lock AS (SELECT pg_try_advisory_xact_lock($1) AS locked)
           SELECT lock.locked, o.id, o.account, o.type, o.topic, o.payload, o.trace_context FROM lock
           LEFT JOIN LATERAL (
             SELECT id, account, type, topic, payload::text AS payload, trace_context FROM outbox_events
             WHERE lock.locked AND published_at IS NULL ORDER BY seq LIMIT $2
           ) o ON true`,
          RELAY_LOCK_KEY,
          this.batchSize,
        );
        const [first] = claimed;
        this.lockBusy = !first?.locked;
        if (this.lockBusy || first!.id === null) return 0;
        // Rows came back, so none of them is the LEFT JOIN's empty one.
        const rows = claimed as OutboxRow[];
        const batch = takeWithinBytes<RowMessage>(
          rows.map((row) => ({ row, key: row.account, value: row.payload, headers: { 'event-id': row.id, 'event-type': row.type } })),
          this.maxBatchBytes,
        );
        let published = batch;
        try {
          await this.send(batch);
        } catch (err) {
          if (!isMessageTooLarge(err)) throw err;
          // Which one? Send them one by one, in order; the one the broker refuses is parked.
          published = [];
          for (const message of batch) if (await this.sendOrPark(tx, message)) published.push(message);
        }
        // clock_timestamp(): when the broker acknowledged (now() would be this transaction's start, before the send).
        await tx.$executeRawUnsafe('UPDATE outbox_events SET published_at = clock_timestamp() WHERE id = ANY($1::text[])', published.map((m) => m.row.id));
        for (const { row } of published) outboxPublished.inc({ type: row.type });
        return batch.length;
      },
      { maxWait: 5_000, timeout: 30_000 },
    );
  }

  private async send(batch: RowMessage[]): Promise<void> {
    if (TRACING && batch.some((m) => m.row.trace_context)) {
      // The kafkajs instrumentation gives every message of one sendBatch the caller's context, so each
      // run of rows written in one trace is sent in that trace, in order: a consumer's span then hangs
      // under the request that made the event. Only with tracing on; off, the batch is one request.
      for (let i = 0; i < batch.length; ) {
        let j = i + 1;
        while (j < batch.length && batch[j]!.row.trace_context === batch[i]!.row.trace_context) j += 1;
        const run = batch.slice(i, j);
        await inTraceOf(batch[i]!.row.trace_context, () => this.sendOnce(run));
        i = j;
      }
      return;
    }
    await this.sendOnce(batch);
  }

  private async sendOnce(batch: RowMessage[]): Promise<void> {
    const byTopic = new Map<string, RelayMessage[]>();
    for (const { row, key, value, headers } of batch) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), { key, value, headers }]);
    await this.options.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }

  /** True once sent. Refused as too large: a small stub goes to the parked topic and the row is marked done with the reason (false). */
  private async sendOrPark(tx: RawSql, message: RowMessage): Promise<boolean> {
    try {
      await this.send([message]);
      return true;
    } catch (err) {
      if (!isMessageTooLarge(err)) throw err;
      const { row } = message;
      const service = this.options.service ?? 'unknown';
      const bytes = Buffer.byteLength(row.payload);
      const reason = `MESSAGE_TOO_LARGE: the broker refused ${row.type} ${row.id} (${bytes} bytes) for ${row.topic}`;
      this.options.logger.error({ eventId: row.id, type: row.type, bytes, topic: row.topic }, 'outbox row refused by the broker as too large; parked');
      await this.options.producer.send({
        topic: TOPICS.parked,
        acks: -1,
        messages: [
          {
            key: row.account,
            value: JSON.stringify({ id: row.id, type: row.type, account: row.account, topic: row.topic, bytes, service }),
            headers: parkedHeaders('stub', `outbox:${service}/${row.topic}`, { reason, by: `outbox-relay:${service}`, eventId: row.id, eventType: row.type }),
          },
        ],
      });
      await tx.$executeRawUnsafe('UPDATE outbox_events SET published_at = clock_timestamp(), parked_reason = $2 WHERE id = $1', row.id, reason);
      outboxParked.inc({ type: row.type });
      return false;
    }
  }
}
