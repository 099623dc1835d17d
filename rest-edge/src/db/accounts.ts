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

/**
 * Whether a key with this `revokedAt` still authenticates at `now`: never revoked, or revoked for a
 * moment still to come (`paygate keys roll --grace 1h` keeps the old key valid until then).
 */
export function keyActiveAt(revokedAt: Date | null, now: Date = new Date()): boolean {
  return revokedAt === null || revokedAt.getTime() > now.getTime();
}

/** The account and key type behind a presented key, or null (unknown or revoked). */
export async function findKeyOwner(prisma: PrismaClient, key: string): Promise<KeyOwner | null> {
  const row = await prisma.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, accountId: true, type: true, revokedAt: true, account: { select: { rateLimitPerMinute: true, paymentRateLimitPerMinute: true } } },
  });
  if (!row || !keyActiveAt(row.revokedAt)) return null;
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

export interface RolledKey {
  account: string;
  secret_key: string;
  /** The secret keys that were active, each with the moment it stops authenticating. */
  revoked: { last4: string; revokedAt: Date }[];
}

/**
 * A new secret key for the account (returned once, stored hashed); every secret key still active is
 * revoked at `now + graceMs` (at once for 0), or sooner if it was already due to go. Edges that
 * cached a key stop accepting it within KEY_CACHE_TTL_MS of that moment.
 */
export async function rollSecretKey(prisma: PrismaClient, account: string, graceMs: number, now: Date = new Date()): Promise<RolledKey> {
  const secret = newKey('secret');
  const revokeAt = new Date(now.getTime() + graceMs);
  return prisma.$transaction(async (tx) => {
    if (!(await tx.account.findUnique({ where: { id: account }, select: { id: true } }))) throw new Error(`No such account: ${account}`);
    const active = await tx.apiKey.findMany({
      where: { accountId: account, type: 'secret', OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] },
      select: { id: true, last4: true, revokedAt: true },
      orderBy: { createdAt: 'asc' },
    });
    const revoked = active.map((key) => ({ id: key.id, last4: key.last4, revokedAt: key.revokedAt && key.revokedAt < revokeAt ? key.revokedAt : revokeAt }));
    for (const key of revoked) await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: key.revokedAt } });
    await tx.apiKey.create({ data: { accountId: account, type: 'secret', keyHash: hashApiKey(secret), last4: secret.slice(-4) } });
    return { account, secret_key: secret, revoked: revoked.map(({ last4, revokedAt }) => ({ last4, revokedAt })) };
  });
}

export interface AccountSummary extends AccountRecord {
  /** Keys that authenticate now (a key in its grace period included), oldest first. */
  activeKeys: { type: KeyType; last4: string; revokedAt: Date | null }[];
}

/** Every account, oldest first, with its active keys' last 4 characters (the keys themselves are never stored). */
export async function listAccounts(prisma: PrismaClient, now: Date = new Date()): Promise<AccountSummary[]> {
  const rows = await prisma.account.findMany({
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      createdAt: true,
      apiKeys: { where: { OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] }, orderBy: { createdAt: 'asc' }, select: { type: true, last4: true, revokedAt: true } },
    },
  });
  return rows.map(({ apiKeys, ...account }) => ({ ...account, activeKeys: apiKeys }));
}
