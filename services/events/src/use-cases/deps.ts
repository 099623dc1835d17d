import type { Logger } from '@paygate/chassis';
import type { PrismaClient } from '../db/client';

/** What every use case of the events service is built from (made once in server.ts). */
export interface EventsDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** Seals endpoint secrets (PAYGATE_WEBHOOK_SECRET_KEY). */
  secretKey: Buffer;
  /** PAYGATE_WEBHOOK_ALLOW_PRIVATE: endpoint URLs may be loopback/private (development, tests). */
  allowPrivateUrls: boolean;
  now: () => Date;
}

/** Unix seconds, as Stripe's `created`. */
export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
