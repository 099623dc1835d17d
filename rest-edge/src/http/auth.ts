import { PaygateError } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import type { KeyOwner } from '../db/accounts';

const MISSING =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";

/** `Bearer sk_test_…` or Basic `sk_test_…:` → the key, else null. */
export function keyFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user ? user : null;
  }
  return null;
}

function masked(key: string): string {
  const prefix = /^(sk|pk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, Math.min(key.length - prefix.length - 4, 24)))}${key.slice(-4)}`;
}

/** How long a key's owner is remembered: a revoked key stops working on every edge replica within this. */
export const KEY_CACHE_TTL_MS = 5_000;
const KEY_CACHE_MAX_ENTRIES = 10_000;

/**
 * Keys seen in the last few seconds and their owners, so a request does not pay a database round
 * trip to learn what the previous one learned. Only found keys are kept (a key created a moment ago
 * is never refused from memory); the oldest entry goes first when full.
 */
export function cachedKeyLookup<O = KeyOwner>(lookup: (key: string) => Promise<O | null>, ttlMs = KEY_CACHE_TTL_MS, now = () => Date.now()) {
  const cache = new Map<string, { owner: O; until: number }>();
  return async (key: string): Promise<O | null> => {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.owner;
    if (hit) cache.delete(key);
    const owner = await lookup(key);
    if (owner) {
      if (cache.size >= KEY_CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { owner, until: now() + ttlMs });
    }
    return owner;
  };
}

/** Resolves the key to an account (res.locals.caller) or answers 401 with Stripe's error. */
export function authenticate(lookup: (key: string) => Promise<KeyOwner | null>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const key = keyFromAuthorization(req.header('authorization'));
      if (!key) throw new PaygateError('api_key_missing', MISSING);
      const owner = /^(sk|pk)_test_[0-9A-Za-z]{8,128}$/.test(key) ? await lookup(key) : null;
      if (!owner) throw new PaygateError('api_key_invalid', `Invalid API Key provided: ${masked(key)}`);
      res.locals.caller = { account: owner.account, keyType: owner.type, requestId: res.locals.requestId };
      res.locals.keyOwner = owner; // the key's id and its account's limits, for the rate limiter
      next();
    } catch (err) {
      next(err);
    }
  };
}

export const PUBLISHABLE_KEY_FORBIDDEN =
  'This API call cannot be made with a publishable API key. Please use a secret API key.';
