import type { CardBrand } from './test-cards';

/** Card numbers arrive as typed: "4242 4242-4242.4242". Anything other than digits and those separators is not a number. */
export function normalizeCardNumber(raw: string): string | null {
  const digits = raw.replace(/[\s.-]/g, '');
  return /^\d{12,19}$/.test(digits) ? digits : null;
}

/** The Luhn (mod 10) check every card network's numbers satisfy. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer identification (BIN) ranges, most specific first; the table of test cards wins over these. */
const BIN_RANGES: ReadonlyArray<{ brand: CardBrand; from: number; to: number; digits: number }> = [
  { brand: 'amex', from: 34, to: 34, digits: 2 },
  { brand: 'amex', from: 37, to: 37, digits: 2 },
  { brand: 'diners', from: 300, to: 305, digits: 3 },
  { brand: 'diners', from: 36, to: 36, digits: 2 },
  { brand: 'diners', from: 38, to: 39, digits: 2 },
  { brand: 'discover', from: 6011, to: 6011, digits: 4 },
  { brand: 'discover', from: 644, to: 649, digits: 3 },
  { brand: 'discover', from: 65, to: 65, digits: 2 },
  { brand: 'jcb', from: 3528, to: 3589, digits: 4 },
  { brand: 'unionpay', from: 62, to: 62, digits: 2 },
  { brand: 'mastercard', from: 51, to: 55, digits: 2 },
  { brand: 'mastercard', from: 2221, to: 2720, digits: 4 },
  { brand: 'visa', from: 4, to: 4, digits: 1 },
];

export function binBrandOf(digits: string): CardBrand {
  for (const range of BIN_RANGES) {
    const prefix = Number(digits.slice(0, range.digits));
    if (prefix >= range.from && prefix <= range.to) return range.brand;
  }
  return 'unknown';
}

/** Anything that could be a card number (12+ digits, however separated) → '[redacted]': for echoing client input in errors. */
export function redactCardNumbers(text: string): string {
  return text.replace(/\d(?:[\s.-]*\d){11,}/g, '[redacted]');
}
