import { randomInt } from 'node:crypto';

/** Every id prefix Paygate hands out, in one place (Stripe's own prefixes). */
export const ID_PREFIXES = {
  account: 'acct',
  apiKeySecret: 'sk_test',
  apiKeyPublishable: 'pk_test',
  balanceTransaction: 'txn',
  bankAccount: 'ba',
  card: 'card',
  charge: 'ch',
  checkoutSession: 'cs_test',
  customer: 'cus',
  customerBalanceTransaction: 'cbtxn',
  event: 'evt',
  invoice: 'in',
  invoiceItem: 'ii',
  paymentIntent: 'pi',
  paymentMethod: 'pm',
  payout: 'po',
  refund: 're',
  request: 'req',
  token: 'tok',
  webhookEndpoint: 'we',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniformly random base62 (crypto.randomInt has no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(62)];
  return out;
}

/** `newId('customer')` → `cus_` + 24 base62 characters (~143 bits). */
export function newId(kind: IdKind, length = 24): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(length)}`;
}

/** True when `id` has the prefix of `kind` followed by base62 only. */
export function hasIdShape(kind: IdKind, id: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return id.startsWith(prefix) && /^[0-9A-Za-z]+$/.test(id.slice(prefix.length));
}
