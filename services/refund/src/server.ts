import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { RefundStore } from './db/refunds';
import { loadEnv, type RefundEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the refund subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: RefundEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'refund',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: () => buildResolvers(new RefundStore(prisma)),
  });
}
