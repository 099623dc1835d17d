import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { CustomerStore } from './db/customers';
import { loadEnv, type CustomerEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the customer subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: CustomerEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'customer',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: ({ nudgeOutbox }) => buildResolvers(new CustomerStore(prisma, nudgeOutbox)),
  });
}
