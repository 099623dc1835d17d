import { brandOf, testCardOf, type CardBrand, type CardFunding } from './test-cards';

export type CardCheck = 'pass' | 'fail' | 'unavailable' | 'unchecked';

export interface CardChecks {
  addressLine1Check: CardCheck | null;
  addressPostalCodeCheck: CardCheck | null;
  cvcCheck: CardCheck | null;
}

/** The card as Stripe shows it on a payment method, token or charge: never the number. */
export interface CardDetails {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  funding: CardFunding;
  country: string;
  fingerprint: string;
  checks: CardChecks;
  /** The network the card runs on; Stripe spells it as the brand. */
  network: CardBrand;
}

/** What a payment method's or a token's `card` holds: the details plus 3-D Secure support. */
export interface CardNode extends CardDetails {
  threeDSecureUsage: boolean;
}

export const NO_CHECKS: CardChecks = { addressLine1Check: null, addressPostalCodeCheck: null, cvcCheck: null };

/** Describe a (normalized, valid) number: the test-card table first, the BIN ranges otherwise. */
export function describeCard(number: string, expiry: { expMonth: number; expYear: number }, fingerprint: string, checks: CardChecks): CardNode {
  const known = testCardOf(number);
  const brand = brandOf(number);
  return {
    brand,
    last4: number.slice(-4),
    expMonth: expiry.expMonth,
    expYear: expiry.expYear,
    funding: known?.funding ?? 'credit',
    country: known?.country ?? 'US',
    fingerprint,
    checks,
    network: brand,
    // Every simulated card supports 3-D Secure; whether a payment must use it is the card's behaviour.
    threeDSecureUsage: true,
  };
}

/** Stripe's fixture expiry for magic tokens and pm_card_* aliases: August of next year. */
export function testCardExpiry(nowSeconds: number): { expMonth: number; expYear: number } {
  return { expMonth: 8, expYear: new Date(nowSeconds * 1000).getUTCFullYear() + 1 };
}

/** The checks a card's first use performs: what was given but unchecked passes on the simulated network. */
export function checksAtUse(checks: CardChecks): CardChecks {
  const run = (check: CardCheck | null): CardCheck | null => (check === 'unchecked' ? 'pass' : check);
  return { addressLine1Check: run(checks.addressLine1Check), addressPostalCodeCheck: run(checks.addressPostalCodeCheck), cvcCheck: run(checks.cvcCheck) };
}

/** A token's or payment method's card without its payment-method-only fields, as a charge records it. */
export function detailsOf(card: CardNode): CardDetails {
  const { brand, last4, expMonth, expYear, funding, country, fingerprint, checks, network } = card;
  return { brand, last4, expMonth, expYear, funding, country, fingerprint, checks, network };
}
