import { PaygateError } from './errors';

/**
 * Money is an integer count of the currency's minor unit plus a lowercase ISO 4217 code.
 * Nothing here ever holds a fraction: fees are computed in BigInt and rounded half up.
 */
export interface Money {
  amount: number;
  currency: string;
}

/** Currencies whose minor unit is the unit itself (Stripe's zero-decimal list). */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf',
]);

/** The currencies we settle, with Stripe's minimum charge amount in minor units. */
export const MINIMUM_CHARGE_AMOUNT: Readonly<Record<string, number>> = {
  usd: 50, aud: 50, brl: 50, cad: 50, chf: 50, dkk: 250, eur: 50, gbp: 30, hkd: 400, inr: 50,
  jpy: 50, mxn: 1000, nok: 300, nzd: 50, pln: 200, sek: 300, sgd: 50, krw: 100,
};

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(MINIMUM_CHARGE_AMOUNT).sort();

/** Stripe caps an amount at eight digits. */
export const MAXIMUM_AMOUNT = 99_999_999;

export function isSupportedCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(MINIMUM_CHARGE_AMOUNT, currency);
}

/** Lowercases and checks a currency; throws Stripe's error for one we do not settle. */
export function parseCurrency(raw: string, param = 'currency'): string {
  const currency = raw.trim().toLowerCase();
  if (!isSupportedCurrency(currency)) {
    throw new PaygateError(
      'currency_invalid',
      `Invalid currency: ${raw}. Paygate currently supports these currencies: ${SUPPORTED_CURRENCIES.join(', ')}`,
      { param },
    );
  }
  return currency;
}

/** Formats minor units for a message: 50 usd → "$0.50 usd"-like text without floats. */
export function formatAmount({ amount, currency }: Money): string {
  if (ZERO_DECIMAL_CURRENCIES.has(currency)) return `${amount} ${currency}`;
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const units = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${units}.${cents} ${currency}`;
}

/** A charge amount: a positive integer within Stripe's bounds and at least the currency's minimum. */
export function assertChargeAmount(money: Money, param = 'amount'): void {
  const { amount, currency } = money;
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new PaygateError('parameter_invalid_integer', 'Invalid positive integer', { param });
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw new PaygateError('amount_too_large', `Amount must be no more than ${formatAmount({ amount: MAXIMUM_AMOUNT, currency })}`, { param });
  }
  const minimum = MINIMUM_CHARGE_AMOUNT[currency] ?? 50;
  if (amount < minimum) {
    throw new PaygateError('amount_too_small', `Amount must be at least ${formatAmount({ amount: minimum, currency })}`, { param });
  }
}

/** Card pricing: 2.9% + 30 minor units, 2.9% rounded half up. Integer arithmetic only. */
export const CARD_FEE = { percentPermille: 29n, fixed: 30n } as const;

export function cardFee(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer, got ${amount}`);
  const a = BigInt(amount);
  // a * 2.9% = a * 29 / 1000; adding 500 before the floor division rounds half up.
  const percentage = (a * CARD_FEE.percentPermille + 500n) / 1000n;
  return Number(percentage + CARD_FEE.fixed);
}

export interface FeeDetail {
  amount: number;
  currency: string;
  description: string;
  type: 'stripe_fee';
  application: null;
}

/** The fee split Stripe shows on a balance transaction, and its net. */
export function chargeFeeBreakdown({ amount, currency }: Money): { fee: number; net: number; feeDetails: FeeDetail[] } {
  const fee = cardFee(amount);
  return {
    fee,
    net: amount - fee,
    feeDetails: [{ amount: fee, currency, description: 'Paygate processing fees', type: 'stripe_fee', application: null }],
  };
}
