import { join } from 'node:path';
import { DueTimes, GraphClient, startPaygateService, type RunningService, type ServiceWiring } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type RefundEnv } from './env';
import { buildResolvers } from './resolvers';
import type { RefundDeps } from './use-cases/deps';
import { sweepRefunds } from './use-cases/refund-recovery';

/** How often the sweep looks whether a pending refund or a late failure is due (in memory; see DueTimes). */
const SWEEP_EVERY_MS = 1_000;
/** …and asks the database anyway, for rows another replica wrote. */
const RECHECK_EVERY_MS = 10_000;

/** Boots the refund subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: RefundEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  let deps: RefundDeps | undefined;
  // One RefundDeps for resolvers and the sweep; it needs the chassis' logger and outbox nudge, known at wiring time.
  const depsOf = (wiring: ServiceWiring): RefundDeps => (deps ??= { prisma, graph, logger: wiring.logger, now: () => new Date(), afterCommit: wiring.nudgeOutbox, due: new DueTimes(RECHECK_EVERY_MS) });
  return startPaygateService({
    name: 'refund',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: (wiring) => buildResolvers(depsOf(wiring)),
    periodic: (wiring) => [{ name: 'settle-refunds', everyMs: SWEEP_EVERY_MS, run: () => sweepRefunds(depsOf(wiring)) }],
  });
}
