/**
 * An uncaptured card authorization holds the customer's funds for a limited time: Stripe cancels
 * an uncaptured PaymentIntent (and releases a capture=false charge) 7 days after authorization.
 */
export const AUTHORIZATION_HOLD_SECONDS = 7 * 86_400;

export function isExpired(authorizedAt: number, now: number): boolean {
  return now - authorizedAt >= AUTHORIZATION_HOLD_SECONDS;
}

/** Authorizations made at or before this instant have expired as of `now`. */
export function expiryCutoff(now: number): number {
  return now - AUTHORIZATION_HOLD_SECONDS;
}
