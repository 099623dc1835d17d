import { join } from 'node:path';
import { GraphClient, startPaygateService, type RunningService, type ServiceWiring } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type ChargeEnv } from './env';
import { buildResolvers } from './resolvers';
import { releaseExpiredAuthorizations } from './use-cases/authorization-release';
import { systemClock, type ChargeDeps } from './use-cases/deps';

/** How often uncaptured authorizations past their 7-day hold are released. */
const RELEASE_EVERY_MS = 60_000;

/** Boots the charge subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: ChargeEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  let deps: ChargeDeps | undefined;
  // One ChargeDeps for resolvers and the sweeper; it needs the chassis' outbox nudge, known at wiring time.
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  const depsOf = (wiring: ServiceWiring): ChargeDeps => (deps ??= { prisma, env, clock: systemClock, graph, afterCommit: wiring.nudgeOutbox });
  return startPaygateService({
    name: 'charge',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: (wiring) => buildResolvers(depsOf(wiring)),
    periodic: (wiring) => [
      { name: 'release-expired-authorizations', everyMs: RELEASE_EVERY_MS, run: () => releaseExpiredAuthorizations(depsOf(wiring), null, systemClock()) },
    ],
  });
}
