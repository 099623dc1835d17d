import type { GraphClient } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';
import type { ChargeEnv } from '../env';

/** Unix seconds now; injectable so the 7-day authorization release is testable without waiting. */
export type Clock = () => number;
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** What every use case of the charge service is built from (made once in server.ts). */
export interface ChargeDeps {
  prisma: PrismaClient;
  env: ChargeEnv;
  clock: Clock;
  /** The federated graph, for reads of other services' objects (a customer's existence). */
  graph: GraphClient;
  /** Call after a commit that wrote outbox rows. */
  afterCommit: () => void;
}
