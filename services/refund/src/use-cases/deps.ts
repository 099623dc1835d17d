import type { DueTimes, GraphClient, Logger } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';

/** What every use case of the refund service is built from (made once in server.ts). */
export interface RefundDeps {
  prisma: PrismaClient;
  /** The federated graph: the charge service (charges, intents, releases) and the balance service (debits). */
  graph: GraphClient;
  logger: Logger;
  /** Now; injectable so the late failure of a fails_async refund is testable without waiting. */
  now: () => Date;
  /** Call after a commit that wrote outbox rows. */
  afterCommit: () => void;
  /** When the recovery sweep next has work: told after each commit that sets a recover_at or fails_at. */
  due: DueTimes;
}

/** Unix seconds, as Stripe's `created`. */
export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
