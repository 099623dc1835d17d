import type { Clock, GraphClient } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';
import type { PayoutEnv } from '../env';

/** What every use case of the payout service is built from (made once in server.ts). */
export interface PayoutDeps {
  prisma: PrismaClient;
  env: PayoutEnv;
  /** Drives the payout schedule: injectable so it is testable without waiting. */
  clock: Clock;
  /** The federated graph: the balance debit (debitBalance) is asked through it, signed as a service. */
  graph: GraphClient;
  /** Call after a commit that wrote outbox rows. */
  afterCommit: () => void;
}
