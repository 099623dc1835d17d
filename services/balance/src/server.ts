import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { LedgerStore } from './db/ledger';
import { loadEnv, type BalanceEnv } from './env';
import { BALANCE_HANDLERS, BALANCE_TOPICS } from './events/handlers';
import { buildResolvers } from './resolvers';

/** Boots the balance subgraph and its ledger consumer; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: BalanceEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'balance',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    consumer: { groupId: 'paygate-balance', topics: BALANCE_TOPICS, handlers: BALANCE_HANDLERS },
    resolvers: () => buildResolvers(new LedgerStore(prisma)),
  });
}
