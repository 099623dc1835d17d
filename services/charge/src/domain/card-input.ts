import { PaygateError } from '@paygate/chassis';
import { luhnValid, normalizeCardNumber } from './card-number';
import { brandOf } from './test-cards';

/**
 * Raw card fields as a client typed them, checked with Stripe's card errors (402). No message ever
 * carries the number, valid or not: it could be a real card.
 */
export interface RawCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc?: string | null;
}

export interface CheckedCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvcProvided: boolean;
}

export function checkCardNumber(raw: string): string {
  if (/[^\d\s.-]/.test(raw)) throw new PaygateError('invalid_number', 'Your card number is invalid.', { param: 'number' });
  const number = normalizeCardNumber(raw);
  if (!number || !luhnValid(number)) throw new PaygateError('incorrect_number', 'Your card number is incorrect.', { param: 'number' });
  return number;
}

/** Month 1–12; a two-digit year means 20xx; the card must not have expired as of `nowSeconds`. */
export function checkExpiry(expMonth: number, expYear: number, nowSeconds: number): { expMonth: number; expYear: number } {
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw new PaygateError('invalid_expiry_month', "Your card's expiration month is invalid.", { param: 'exp_month' });
  }
  const year = Number.isInteger(expYear) && expYear >= 0 && expYear < 100 ? 2000 + expYear : expYear;
  const now = new Date(nowSeconds * 1000);
  const thisYear = now.getUTCFullYear();
  const expired = year < thisYear || (year === thisYear && expMonth < now.getUTCMonth() + 1);
  if (!Number.isInteger(year) || expired || year > thisYear + 50) {
    throw new PaygateError('invalid_expiry_year', "Your card's expiration year is invalid.", { param: 'exp_year' });
  }
  return { expMonth, expYear: year };
}

/** 3 digits, 4 for American Express. */
export function checkCvc(cvc: string, number: string): void {
  const digits = brandOf(number) === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${digits}}$`).test(cvc)) throw new PaygateError('invalid_cvc', "Your card's security code is invalid.", { param: 'cvc' });
}

export function checkRawCard(card: RawCard, nowSeconds: number): CheckedCard {
  const number = checkCardNumber(card.number);
  const expiry = checkExpiry(card.expMonth, card.expYear, nowSeconds);
  const cvcProvided = card.cvc !== null && card.cvc !== undefined && card.cvc !== '';
  if (cvcProvided) checkCvc(card.cvc!, number);
  return { number, ...expiry, cvcProvided };
}
