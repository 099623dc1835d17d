import { join } from 'node:path';
import { pgSql, startPaygateService, type RawSql, type RunningService, type ServiceDatabase } from '@paygate/chassis';
import { createPrismaClient, type PrismaClient } from './db/client';
import { consumerGroupOf, loadEnv, type EventsEnv } from './env';
import { eventHandlers, EVENTS_TOPICS } from './events/handlers';
import { buildResolvers } from './resolvers';
import { DeliveryWorker } from './use-cases/deliver-webhooks';
import type { EventsDeps } from './use-cases/deps';
import { eventRetentionTasks } from './use-cases/retention';

/**
 * The database the chassis drives (consumer, readiness, pruning), on node-postgres: its only
 * transactions are the consumer's, which store events and their deliveries (db/event-store.ts, the
 * hot path of every write request). After each commit the worker is nudged, so a webhook leaves as
 * soon as its event is stored rather than at the next poll. The resolvers read through Prisma.
 */
function consumerDatabase(databaseUrl: string, prisma: PrismaClient, afterCommit: () => void): ServiceDatabase<RawSql> {
  const sql = pgSql(databaseUrl);
  return {
    ...sql,
    $disconnect: async () => {
      await sql.$disconnect();
      await prisma.$disconnect();
    },
    $transaction: async (fn) => {
      const result = await sql.$transaction(fn);
      afterCommit();
      return result;
    },
  };
}

/** Boots the events subgraph, its consumer of every topic and its webhook delivery worker; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: EventsEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  // One connection per delivery in flight (each holds its claim across the POST), one for the idle poll.
  const deliverySql = pgSql(env.DATABASE_URL, env.PAYGATE_WEBHOOK_CONCURRENCY + 1);
  let worker: DeliveryWorker | undefined;
  const now = () => new Date();
  const service = await startPaygateService({
    name: 'events',
    env,
    db: consumerDatabase(env.DATABASE_URL, prisma, () => worker?.nudge()),
    schemaPath: join(__dirname, 'schema.graphql'),
    consumer: { groupId: consumerGroupOf(env), topics: EVENTS_TOPICS, handlers: eventHandlers(now) },
    resolvers: (wiring) => {
      const deps: EventsDeps = { prisma, logger: wiring.logger, secretKey: env.PAYGATE_WEBHOOK_SECRET_KEY, allowPrivateUrls: env.PAYGATE_WEBHOOK_ALLOW_PRIVATE, now };
      worker = new DeliveryWorker({
        sql: deliverySql,
        secretKey: env.PAYGATE_WEBHOOK_SECRET_KEY,
        schedule: env.PAYGATE_WEBHOOK_RETRY_SCHEDULE,
        concurrency: env.PAYGATE_WEBHOOK_CONCURRENCY,
        allowPrivateUrls: env.PAYGATE_WEBHOOK_ALLOW_PRIVATE,
        logger: wiring.logger,
      });
      return buildResolvers(deps);
    },
    periodic: () => eventRetentionTasks(prisma),
  });
  // Pending deliveries left by a previous run (or another replica) are due now or on their schedule.
  worker?.start();
  return {
    ...service,
    stop: async () => {
      await worker?.stop();
      await service.stop();
      await deliverySql.$disconnect();
    },
  };
}
