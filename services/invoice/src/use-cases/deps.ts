import type { Clock, GraphClient, Logger } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';
import { toInvoiceNode, type InvoiceNode, type InvoiceRow } from '../db/invoice-node';
import type { InvoiceEnv } from '../env';

/** What every use case of the invoice service is built from (made once in server.ts). */
export interface InvoiceDeps {
  prisma: PrismaClient;
  env: InvoiceEnv;
  /** The federated graph: the customer service (who, credit) and the charge service (payments), signed as a service. */
  graph: GraphClient;
  logger: Logger;
  /** Unix seconds; injectable so auto-advance is testable without waiting an hour. */
  clock: Clock;
  /** Call after a commit that wrote outbox rows. */
  afterCommit: () => void;
}

export type { Caller } from '@paygate/chassis';

/** The invoice as the graph shows it, with its hosted page at this deployment's public URL. */
export const invoiceNode = (deps: Pick<InvoiceDeps, 'env'>, row: InvoiceRow): InvoiceNode => toInvoiceNode(row, deps.env.PAYGATE_PUBLIC_URL);
