import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { PayoutStore } from './db/payouts';
import { loadEnv, type PayoutEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the payout subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: PayoutEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'payout',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: () => buildResolvers(new PayoutStore(prisma)),
  });
}
