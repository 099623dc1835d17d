import { join } from 'node:path';
import { GraphClient, pruneIdempotentEffects, PRUNE_EVERY_MS, startPaygateService, systemClock, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { CustomerStore } from './db/customers';
import { loadEnv, type CustomerEnv } from './env';
import { buildResolvers } from './resolvers';
import { CustomerUseCases } from './use-cases/customers';

/** Boots the customer subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: CustomerEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  return startPaygateService({
    name: 'customer',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: ({ nudgeOutbox }) => {
      const store = new CustomerStore(prisma, nudgeOutbox);
      return buildResolvers(store, new CustomerUseCases(store, graph), { prisma, afterCommit: nudgeOutbox, clock: systemClock });
    },
    // Idempotency-Keys of balance transactions past the edge's 24 h can never be replayed.
    periodic: () => [{ name: 'prune-idempotent-effects', everyMs: PRUNE_EVERY_MS, run: async () => pruneIdempotentEffects(prisma) }],
  });
}
