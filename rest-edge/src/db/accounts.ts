import { createHash } from 'node:crypto';
import { newId, randomBase62 } from '@paygate/chassis';
import type { PrismaClient } from './client';

export type KeyType = 'secret' | 'publishable';

export interface CreatedAccount {
  id: string;
  name: string;
  secret_key: string;
  publishable_key: string;
}

export interface KeyOwner {
  account: string;
  type: KeyType;
  /** The key's own id (never the key): what rate-limit counters are kept under. */
  keyId: string;
  /** The account's own limits, null where the edge's defaults apply. */
  rateLimits: AccountRateLimits;
}

export interface AccountRateLimits {
  perMinute: number | null;
  paymentsPerMinute: number | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function newKey(type: KeyType): string {
  return `${type === 'secret' ? 'sk_test' : 'pk_test'}_${randomBase62(32)}`;
}

/** A new account with one secret and one publishable test key; the keys are returned once, stored hashed. */
export async function createAccount(prisma: PrismaClient, name: string): Promise<CreatedAccount> {
  const id = newId('account', 16);
  const secret = newKey('secret');
  const publishable = newKey('publishable');
  await prisma.account.create({
    data: {
      id,
      name,
      apiKeys: {
        create: [
          { type: 'secret', keyHash: hashApiKey(secret), last4: secret.slice(-4) },
          { type: 'publishable', keyHash: hashApiKey(publishable), last4: publishable.slice(-4) },
        ],
      },
    },
  });
  return { id, name, secret_key: secret, publishable_key: publishable };
}

/** The account and key type behind a presented key, or null (unknown or revoked). */
export async function findKeyOwner(prisma: PrismaClient, key: string): Promise<KeyOwner | null> {
  const row = await prisma.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, accountId: true, type: true, revokedAt: true, account: { select: { rateLimitPerMinute: true, paymentRateLimitPerMinute: true } } },
  });
  if (!row || row.revokedAt) return null;
  return {
    account: row.accountId,
    type: row.type,
    keyId: row.id,
    rateLimits: { perMinute: row.account.rateLimitPerMinute, paymentsPerMinute: row.account.paymentRateLimitPerMinute },
  };
}

/** An account's own rate limits (null: back to the edge's defaults); edges see the change within KEY_CACHE_TTL_MS. */
export async function setAccountRateLimits(prisma: PrismaClient, id: string, limits: AccountRateLimits): Promise<void> {
  await prisma.account.update({ where: { id }, data: { rateLimitPerMinute: limits.perMinute, paymentRateLimitPerMinute: limits.paymentsPerMinute } });
}

export interface AccountRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The account itself (GET /v1/account), or null. */
export function findAccount(prisma: PrismaClient, id: string): Promise<AccountRecord | null> {
  return prisma.account.findUnique({ where: { id }, select: { id: true, name: true, createdAt: true } });
}
