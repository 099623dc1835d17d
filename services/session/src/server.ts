import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { CheckoutSessionLineItemStore } from './db/checkout-session-line-items';
import { CheckoutSessionStore } from './db/checkout-sessions';
import { createPrismaClient } from './db/client';
import { loadEnv, type SessionEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the session subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: SessionEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'session',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: () =>
      buildResolvers({ sessions: new CheckoutSessionStore(prisma), lineItems: new CheckoutSessionLineItemStore(prisma) }),
  });
}
