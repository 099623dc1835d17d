import { join } from 'node:path';
import { GraphClient, startPaygateService, systemClock, type RunningService, type ServiceWiring } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type PayoutEnv } from './env';
import { buildResolvers } from './resolvers';
import type { PayoutDeps } from './use-cases/deps';
import { finishStaleReservations } from './use-cases/payout-create';
import { advancePayouts } from './use-cases/payout-lifecycle';
import { pruneExpiredRecords } from './use-cases/retention';

const PRUNE_EVERY_MS = 3_600_000;

/** Boots the payout subgraph and its schedulers; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: PayoutEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  let deps: PayoutDeps | undefined;
  // One PayoutDeps for resolvers and schedulers; it needs the chassis' outbox nudge, known at wiring time.
  const depsOf = (wiring: ServiceWiring): PayoutDeps => (deps ??= { prisma, env, clock: systemClock, graph, afterCommit: wiring.nudgeOutbox });
  return startPaygateService({
    name: 'payout',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: (wiring) => buildResolvers(depsOf(wiring)),
    periodic: (wiring) => [
      { name: 'finish-stale-reservations', everyMs: env.PAYOUT_RESERVATION_SWEEP_MS, run: () => finishStaleReservations(depsOf(wiring)) },
      { name: 'advance-payouts', everyMs: env.PAYOUT_ADVANCE_EVERY_MS, run: () => advancePayouts(depsOf(wiring), null, depsOf(wiring).clock()) },
      { name: 'prune-expired-records', everyMs: PRUNE_EVERY_MS, run: () => pruneExpiredRecords(depsOf(wiring)) },
    ],
  });
}
