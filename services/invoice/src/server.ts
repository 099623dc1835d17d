import { join } from 'node:path';
import { GraphClient, PRUNE_EVERY_MS, startPaygateService, systemClock, type RunningService, type ServiceWiring } from '@paygate/chassis';
import { createPrismaClient } from './db/client';
import { loadEnv, type InvoiceEnv } from './env';
import { buildResolvers } from './resolvers';
import type { InvoiceDeps } from './use-cases/deps';
import { sweepInvoices } from './use-cases/invoice-sweep';
import { pruneExpiredKeys } from './use-cases/retention';

/** Boots the invoice subgraph and its sweeper; tests call startServer({ ...env, PORT: 0 }). */
export async function startServer(env: InvoiceEnv = loadEnv()): Promise<RunningService> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  const graph = new GraphClient(env.GATEWAY_URL, env.PAYGATE_CONTEXT_SECRET);
  let deps: InvoiceDeps | undefined;
  // One InvoiceDeps for resolvers and the sweeper; it needs the chassis' logger and outbox nudge, known at wiring time.
  const depsOf = (wiring: ServiceWiring): InvoiceDeps => (deps ??= { prisma, env, graph, logger: wiring.logger, clock: systemClock, afterCommit: wiring.nudgeOutbox });
  return startPaygateService({
    name: 'invoice',
    env,
    db: prisma,
    schemaPath: join(__dirname, 'schema.graphql'),
    outbox: true,
    resolvers: (wiring) => buildResolvers(depsOf(wiring)),
    periodic: (wiring) => [
      { name: 'sweep-invoices', everyMs: env.INVOICE_SWEEP_EVERY_MS, run: () => sweepInvoices(depsOf(wiring), null, depsOf(wiring).clock()) },
      { name: 'prune-idempotency-keys', everyMs: PRUNE_EVERY_MS, run: () => pruneExpiredKeys(depsOf(wiring)) },
    ],
  });
}
