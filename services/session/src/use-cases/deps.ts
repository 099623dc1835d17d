import type { Clock, GraphClient, Logger, SubgraphContext } from '@paygate/chassis';
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

/** Who is asking: the verified account, the key type, the request id and the request's Idempotency-Key. */
export type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'idempotencyKey' | 'requestId'>;
