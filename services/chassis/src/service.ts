import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import type { Producer } from 'kafkajs';
import { EventConsumer, type EventHandler } from './consumer';
import type { SubgraphEnv } from './env';
import type { EventType, Topic } from './events';
import { createKafka } from './kafka';
import { createLogger, type Logger } from './logger';
import { OutboxRelay } from './outbox';
import { pgSql, type PgSql } from './pg-sql';
import { startPeriodicTask, type PeriodicTask } from './periodic';
import { retentionTasks } from './pruning';
import { startSubgraph, type SubgraphResolvers } from './server';
import type { RawSql, TransactionRunner } from './sql';

/** The Prisma client surface the chassis drives (every service's generated client has it). */
export interface ServiceDatabase<Tx extends RawSql = RawSql> extends RawSql, TransactionRunner<Tx> {
  $disconnect(): Promise<void>;
}

export interface ServiceWiring {
  logger: Logger;
  /** Call after a commit that wrote outbox rows: the relay publishes right away. */
  nudgeOutbox: () => void;
}

export interface ServiceOptions<Tx extends RawSql> {
  name: string;
  env: SubgraphEnv;
  schemaPath: string;
  db: ServiceDatabase<Tx>;
  resolvers: (wiring: ServiceWiring) => SubgraphResolvers;
  /** The service writes events to its outbox (it must have the outbox_events table). */
  outbox?: boolean;
  /** The service consumes events (it must have the processed_events table). */
  consumer?: { groupId: string; topics: Topic[]; handlers: Partial<Record<EventType, EventHandler<Tx>>> };
  /** Jobs on a timer, started once the server listens and stopped before it closes (pruning.ts' are added). */
  periodic?: (wiring: ServiceWiring) => PeriodicTask[];
}

export interface RunningService {
  url: string;
  port: number;
  logger: Logger;
  consumer: EventConsumer<RawSql> | null;
  stop(): Promise<void>;
}

export function loadTypeDefs(schemaPath: string): DocumentNode {
  return parse(readFileSync(schemaPath, 'utf8'));
}

/**
 * Boot a Paygate service the same way everywhere: subgraph server, outbox relay, consumer, pruning.
 * The outbox decouples writes from Kafka, so a broker away at boot (or later) does not stop the
 * service: the relay and the consumer keep connecting with backoff, and GET /ready stays 200 while
 * the database answers, reporting `relay: { state, outboxLagSeconds }` and `consumer: { state }`.
 * A 503 would take every write out of service (the gateway and the edge are ready only when every
 * subgraph is) for an outage the outbox exists to absorb; the lag is alerted on instead
 * (paygate_outbox_lag_seconds, paygate_kafka_connected).
 */
export async function startPaygateService<Tx extends RawSql>(options: ServiceOptions<Tx>): Promise<RunningService> {
  const { env, db, name } = options;
  const logger = createLogger(`${name}-service`, env.LOG_LEVEL);
  const kafka = createKafka(`paygate-${name}`, env.KAFKA_BROKERS, logger);
  let producer: Producer | null = null;
  let relay: OutboxRelay | null = null;
  let relaySql: PgSql | null = null;
  let consumer: EventConsumer<Tx> | null = null;

  if (options.outbox) {
    // One request in flight keeps each account's events in order; duplicates from a retried send are
    // harmless because every consumer dedupes on the event id.
    producer = kafka.producer({ maxInFlightRequests: 1 });
    relaySql = pgSql(env.DATABASE_URL);
    relay = new OutboxRelay({ db: relaySql, producer, logger, service: name });
    relay.start();
  }
  if (options.consumer) {
    consumer = new EventConsumer<Tx>({ kafka, db, logger, ...options.consumer });
    // Not awaited: the service serves while the broker is away; the consumer keeps connecting.
    void consumer.start();
  }

  const stopEvents = async () => {
    await relay?.stop();
    await consumer?.stop();
    await producer?.disconnect();
    await relaySql?.$disconnect();
  };
  const wiring: ServiceWiring = { logger, nudgeOutbox: () => relay?.nudge() };
  const server = await startSubgraph({
    name,
    typeDefs: loadTypeDefs(options.schemaPath),
    resolvers: options.resolvers(wiring),
    port: env.PORT,
    host: env.HOST,
    contextSecret: env.PAYGATE_CONTEXT_SECRET,
    logger,
    readiness: async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return {
        ...(relay ? { relay: relay.current() } : {}),
        ...(consumer ? { consumer: consumer.current() } : {}),
      };
    },
  }).catch(async (err: unknown) => {
    await stopEvents();
    throw err;
  });

  const pruning = retentionTasks(db, { outbox: Boolean(options.outbox), processedEvents: Boolean(options.consumer) });
  const tasks = [...pruning, ...(options.periodic?.(wiring) ?? [])].map((task) => startPeriodicTask(task, logger));

  return {
    url: server.url,
    port: server.port,
    logger,
    consumer: consumer as EventConsumer<RawSql> | null,
    stop: async () => {
      await Promise.all(tasks.map((task) => task.stop()));
      await server.close();
      await stopEvents();
      await db.$disconnect();
    },
  };
}
