import { join } from 'node:path';
import { startPaygateService, systemClock, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type BalanceEnv } from './env';
import { balanceHandlers, BALANCE_TOPICS } from './events/handlers';
import { buildResolvers } from './resolvers';
import type { BalanceDeps } from './use-cases/deps';

/** Boots the balance subgraph and its ledger consumer; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: BalanceEnv = loadEnv()): Promise<RunningService> {
  const deps: BalanceDeps = { prisma: createPrismaClient(env.DATABASE_URL), clock: systemClock };
  return startPaygateService({
    name: 'balance',
    env,
    db: deps.prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    consumer: { groupId: 'paygate-balance', topics: BALANCE_TOPICS, handlers: balanceHandlers(deps.clock) },
    resolvers: () => buildResolvers(deps),
  });
}
