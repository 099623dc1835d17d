import type { Clock } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';

/** What every use case of the balance service is built from (made once in server.ts). */
export interface BalanceDeps {
  prisma: PrismaClient;
  /** Splits available from pending: injectable so availability is testable without waiting. */
  clock: Clock;
}
