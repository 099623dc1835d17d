import { join } from 'node:path';
import { startPaygateService, type RunningService } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { InvoiceItemStore } from './db/invoice-items';
import { InvoiceStore } from './db/invoices';
import { loadEnv, type InvoiceEnv } from './env';
import { buildResolvers } from './resolvers';

/** Boots the invoice subgraph; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: InvoiceEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  return startPaygateService({
    name: 'invoice',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: () => buildResolvers({ invoices: new InvoiceStore(prisma), invoiceItems: new InvoiceItemStore(prisma) }),
  });
}
