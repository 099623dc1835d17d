import { PaygateError } from '@paygate/chassis';

/** Stripe: `expires_at` is 30 minutes to 24 hours after creation, 24 hours when not given. */
export const CHECKOUT_SESSION_EXPIRY = {
  defaultSeconds: 24 * 60 * 60,
  minSeconds: 30 * 60,
  maxSeconds: 24 * 60 * 60,
} as const;

/** The session's expires_at (unix seconds) from its creation time and the requested value, if any. */
export function checkoutSessionExpiresAt(created: number, requested?: number | null): number {
  if (requested === null || requested === undefined) return created + CHECKOUT_SESSION_EXPIRY.defaultSeconds;
  if (!Number.isSafeInteger(requested)) {
    throw new PaygateError('parameter_invalid_integer', 'Invalid integer: expires_at', { param: 'expires_at' });
  }
  const after = requested - created;
  if (after < CHECKOUT_SESSION_EXPIRY.minSeconds) {
    throw new PaygateError(
      'invalid_request',
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }
  if (after > CHECKOUT_SESSION_EXPIRY.maxSeconds) {
    throw new PaygateError(
      'invalid_request',
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }
  return requested;
}

/** True once an open session's time is up (the expiry sweep then marks it expired). */
export function isPastExpiry(expiresAt: number, now: number): boolean {
  return now >= expiresAt;
}
