import { timingSafeEqual } from 'node:crypto';
import { PaygateError, randomBase62 } from '@paygate/chassis';

/**
 * A PaymentIntent's client secret (`pi_…_secret_…`) lets a browser holding only a publishable key
 * (or the hosted 3-D Secure page) act on that one intent.
 */
export function newClientSecret(intentId: string): string {
  return `${intentId}_secret_${randomBase62(25)}`;
}

export function clientSecretMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Never names the intent in the error: whoever sent a wrong secret must not see the object. */
export function assertClientSecret(expected: string, given: string): void {
  if (clientSecretMatches(expected, given)) return;
  throw new PaygateError('client_secret_invalid', 'The client_secret provided does not match the client_secret associated with the PaymentIntent.', {
    param: 'client_secret',
  });
}
