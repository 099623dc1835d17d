import type { Clock, GraphClient, Logger } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';

/** What every use case of the session service is built from (made once in server.ts). */
export interface SessionDeps {
  prisma: PrismaClient;
  /** The federated graph: the customer service (exists? create) and the charge service (intents). */
  graph: GraphClient;
  logger: Logger;
  /** The edge's public address, where the hosted pages live. */
  publicUrl: string;
  /** Unix seconds; injectable so expiry is testable without waiting. */
  clock: Clock;
  /** Call after a commit that wrote outbox rows. */
  afterCommit: () => void;
}

export type { Caller } from '@paygate/chassis';
