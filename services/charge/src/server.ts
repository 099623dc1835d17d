import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { ChargeStore } from './db/charges';
import { createPrismaClient } from './db/client';
import { loadEnv, type ChargeEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the charge subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: ChargeEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'charge',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: ({ nudgeOutbox }) =>
      buildResolvers(
        new ChargeStore(prisma, {
          fingerprintKey: env.PAYGATE_CARD_FINGERPRINT_KEY,
          statementDescriptor: env.STATEMENT_DESCRIPTOR,
          afterCommit: nudgeOutbox,
        }),
      ),
  });
}
