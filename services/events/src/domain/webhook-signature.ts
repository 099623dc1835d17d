import { createHmac, randomBytes } from 'node:crypto';

/**
 * Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw
 * body>" under the endpoint's secret>`, which the official libraries' constructEvent verify (within
 * their 300 s tolerance).
 */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** A new endpoint secret: `whsec_` + 32 random bytes, base62-ish (Stripe's are 32 characters after the prefix). */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url').replace(/[-_]/g, '0')}`;
}
