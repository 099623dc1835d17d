import { createHmac } from 'node:crypto';

/**
 * The simulated card network: Stripe's test cards and the test tokens that stand for them.
 * Outcomes follow Stripe's test mode (https://docs.stripe.com/testing). The numbers here are
 * Stripe's public test numbers; only `fingerprint` and `last4` of them ever leave this module.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex';
export type DeclineCode = 'generic_decline' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc';
export type FailureCode = 'card_declined' | 'expired_card' | 'incorrect_cvc';

export interface TestCard {
  number: string;
  brand: CardBrand;
  funding: 'credit' | 'debit';
  country: string;
  /** What the network answers when this card is charged. */
  network:
    | { result: 'approve'; funds: 'standard' | 'immediate' }
    | { result: 'decline'; failureCode: FailureCode; declineCode: DeclineCode };
}

const approve = { result: 'approve', funds: 'standard' } as const;

export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  '4242424242424242': { number: '4242424242424242', brand: 'visa', funding: 'credit', country: 'US', network: approve },
  '4000056655665556': { number: '4000056655665556', brand: 'visa', funding: 'debit', country: 'US', network: approve },
  '5555555555554444': { number: '5555555555554444', brand: 'mastercard', funding: 'credit', country: 'US', network: approve },
  '378282246310005': { number: '378282246310005', brand: 'amex', funding: 'credit', country: 'US', network: approve },
  '4000000000000077': { number: '4000000000000077', brand: 'visa', funding: 'credit', country: 'US', network: { result: 'approve', funds: 'immediate' } },
  '4000000000000002': { number: '4000000000000002', brand: 'visa', funding: 'credit', country: 'US', network: { result: 'decline', failureCode: 'card_declined', declineCode: 'generic_decline' } },
  '4000000000009995': { number: '4000000000009995', brand: 'visa', funding: 'credit', country: 'US', network: { result: 'decline', failureCode: 'card_declined', declineCode: 'insufficient_funds' } },
  '4000000000000069': { number: '4000000000000069', brand: 'visa', funding: 'credit', country: 'US', network: { result: 'decline', failureCode: 'expired_card', declineCode: 'expired_card' } },
  '4000000000000127': { number: '4000000000000127', brand: 'visa', funding: 'credit', country: 'US', network: { result: 'decline', failureCode: 'incorrect_cvc', declineCode: 'incorrect_cvc' } },
};

/** Stripe's magic test tokens → the test card each stands for. */
export const TEST_TOKENS: Readonly<Record<string, string>> = {
  tok_visa: '4242424242424242',
  tok_visa_debit: '4000056655665556',
  tok_mastercard: '5555555555554444',
  tok_amex: '378282246310005',
  tok_bypassPending: '4000000000000077',
  tok_chargeDeclined: '4000000000000002',
  tok_chargeDeclinedInsufficientFunds: '4000000000009995',
  tok_chargeDeclinedExpiredCard: '4000000000000069',
  tok_chargeDeclinedIncorrectCvc: '4000000000000127',
};

/** The card as Stripe shows it on a charge: never the number. */
export interface CardDetails {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  funding: 'credit' | 'debit';
  country: string;
  fingerprint: string;
  network: CardBrand;
}

/** Keyed hash: the same card gives the same fingerprint within a deployment, and reveals nothing. */
export function cardFingerprint(number: string, key: string): string {
  return createHmac('sha256', key).update(number).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

export function cardForToken(token: string): TestCard | null {
  const number = TEST_TOKENS[token];
  return number ? (TEST_CARDS[number] ?? null) : null;
}

/** Test tokens carry Stripe's fixed test expiry (next year, month 8, as Stripe's fixtures do). */
export function cardDetails(card: TestCard, fingerprintKey: string, now = new Date()): CardDetails {
  return {
    brand: card.brand,
    last4: card.number.slice(-4),
    expMonth: 8,
    expYear: now.getUTCFullYear() + 1,
    funding: card.funding,
    country: card.country,
    fingerprint: cardFingerprint(card.number, fingerprintKey),
    network: card.brand,
  };
}
