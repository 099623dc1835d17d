import { join } from 'node:path';
import { GraphClient, PRUNE_EVERY_MS, pruneIdempotentEffects, startPaygateService, systemClock, type RunningService, type ServiceWiring } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type SessionEnv } from './env';
import { buildResolvers } from './resolvers';
import type { SessionDeps } from './use-cases/deps';
import { expireDueCheckoutSessions } from './use-cases/checkout-session-expiry';

/** Boots the session subgraph and its expiry scheduler; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: SessionEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  let deps: SessionDeps | undefined;
  // One SessionDeps for resolvers and the scheduler; it needs the chassis' logger and outbox nudge, known at wiring time.
  const depsOf = (wiring: ServiceWiring): SessionDeps =>
    (deps ??= { prisma, graph, logger: wiring.logger, publicUrl: env.PAYGATE_PUBLIC_URL, clock: systemClock, afterCommit: wiring.nudgeOutbox });
  return startPaygateService({
    name: 'session',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: (wiring) => buildResolvers(depsOf(wiring)),
    periodic: (wiring) => [
      { name: 'expire-checkout-sessions', everyMs: env.CHECKOUT_SESSION_EXPIRY_SWEEP_MS, run: () => expireDueCheckoutSessions(depsOf(wiring)) },
      // Idempotency-Keys outlive the edge's 24 h for nothing: pruned hourly.
      { name: 'prune-idempotent-effects', everyMs: PRUNE_EVERY_MS, run: async () => pruneIdempotentEffects(prisma) },
    ],
  });
}
