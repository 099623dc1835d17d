import { createHmac, randomBytes } from 'node:crypto';

/**
 * Stripe's webhook signature, as the events service signs deliveries (services/events): `t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>`. What stripe.webhooks.constructEvent
 * (and every official library) verifies, within its 300 s tolerance.
 */
export function signatureHeader(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** A new signing secret: `whsec_` and 32 base62-ish characters, as Stripe's. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url').replace(/[-_]/g, '0')}`;
}
