import { createHash, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '@paygate/chassis';

/**
 * The hosted checkout page (served by the edge, rest-edge/src/pages/checkout.ts) is authorised by the
 * session's id plus a per-session secret in its URL, never by the merchant's key. The secret is random
 * (~190 bits) and compared in constant time.
 */
export const CHECKOUT_PAGE_PATH = '/c/pay';

export function newCheckoutPageSecret(): string {
  return `cps_${randomBase62(32)}`;
}

/** Constant time over the digests, so neither the length nor a prefix of the secret leaks. */
export function checkoutPageSecretMatches(stored: string | null, given: string | null | undefined): boolean {
  if (!stored || !given) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(stored), digest(given));
}

export interface CheckoutPageTarget {
  id: string;
  account: string;
  pageSecret: string;
}

function pageQuery(session: CheckoutPageTarget): string {
  return new URLSearchParams({ merchant: session.account, secret: session.pageSecret }).toString();
}

/** The session's `url`: the page at the edge's public address. */
export function checkoutPageUrl(publicUrl: string, session: CheckoutPageTarget): string {
  return `${publicUrl.replace(/\/+$/, '')}${CHECKOUT_PAGE_PATH}/${session.id}?${pageQuery(session)}`;
}

/** Where the hosted 3-D Secure page sends the buyer back to (the edge then resumes the session). */
export function checkoutReturnUrl(publicUrl: string, session: CheckoutPageTarget): string {
  return `${publicUrl.replace(/\/+$/, '')}${CHECKOUT_PAGE_PATH}/${session.id}/return?${pageQuery(session)}`;
}
