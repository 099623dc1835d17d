import { join } from 'node:path';
import { pgSql, startPaygateService, type RunningService, type ServiceDatabase } from '@paygate/chassis';
import { createPrismaClient, type EventsTx, type PrismaClient } from './db/client';
import { consumerGroupOf, loadEnv, type EventsEnv } from './env';
import { eventHandlers, EVENTS_TOPICS } from './events/handlers';
import { buildResolvers } from './resolvers';
import { DeliveryWorker } from './use-cases/deliver-webhooks';
import type { EventsDeps } from './use-cases/deps';
import { eventRetentionTasks } from './use-cases/retention';

/**
 * The database the chassis drives (consumer, readiness, pruning). Its only transactions are the
 * consumer's, which store events and their deliveries: after each commit the worker is nudged, so
 * a webhook leaves as soon as its event is stored rather than at the next poll.
 */
function nudgingAfterCommit(prisma: PrismaClient, afterCommit: () => void): ServiceDatabase<EventsTx> {
  return {
    $queryRawUnsafe: (query, ...values) => prisma.$queryRawUnsafe(query, ...values),
    $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
    $disconnect: () => prisma.$disconnect(),
    $transaction: async (fn, options) => {
      const result = await prisma.$transaction(fn, options);
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
    db: nudgingAfterCommit(prisma, () => worker?.nudge()),
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
