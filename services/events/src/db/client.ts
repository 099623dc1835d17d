import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient };
export type EventsTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type EventsDb = PrismaClient | EventsTx;

/** The events database. Only files under src/db import the Prisma client. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
