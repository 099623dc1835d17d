import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The edge turns an API key into an account and forwards it to the graph as a signed token:
 * `<account>.<issuedAtSeconds>.<keyType s|p|i>.<base64url HMAC-SHA256(secret, "<account>.<issuedAt>.<keyType>")>`.
 * A subgraph trusts nothing else: no token, a bad signature or a stale one → the request is refused.
 * The key type rides inside the signature: a publishable key's request cannot pass for a secret one.
 */
export const ACCOUNT_CONTEXT_HEADER = 'x-paygate-account-context';
export const REQUEST_ID_HEADER = 'x-request-id';
/** The merchant's Idempotency-Key, carried to the subgraph that performs the effect. */
export const IDEMPOTENCY_KEY_HEADER = 'x-paygate-idempotency-key';

/**
 * secret / publishable: a merchant's API key, forwarded by the edge. service: a subgraph calling
 * another through the graph (the edge never signs it), for internal operations such as a balance debit.
 */
export type KeyType = 'secret' | 'publishable' | 'service';

const SCOPE: Record<KeyType, string> = { secret: 's', publishable: 'p', service: 'i' };
const KEY_TYPE: Record<string, KeyType> = { s: 'secret', p: 'publishable', i: 'service' };

/** How far a token's clock may be from ours, both ways. */
export const CONTEXT_MAX_SKEW_SECONDS = 300;

const ACCOUNT_ID = /^acct_[0-9A-Za-z]{8,64}$/;

export interface AccountContext {
  account: string;
  keyType: KeyType;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signAccountContext(account: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000), keyType: KeyType = 'secret'): string {
  if (!ACCOUNT_ID.test(account)) throw new Error(`not an account id: ${account}`);
  const payload = `${account}.${nowSeconds}.${SCOPE[keyType]}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The account in a valid token, or null for anything else (missing, malformed, forged, stale). */
export function verifyAccountContext(
  token: string | undefined,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): AccountContext | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [account, issuedAtRaw, scope, signature] = parts as [string, string, string, string];
  if (!ACCOUNT_ID.test(account) || !/^\d{1,12}$/.test(issuedAtRaw) || !Object.prototype.hasOwnProperty.call(KEY_TYPE, scope)) return null;
  const expected = Buffer.from(sign(secret, `${account}.${issuedAtRaw}.${scope}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Math.abs(nowSeconds - Number(issuedAtRaw)) > CONTEXT_MAX_SKEW_SECONDS) return null;
  return { account, keyType: KEY_TYPE[scope]! };
}
