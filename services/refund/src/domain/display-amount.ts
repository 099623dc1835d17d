import { formatAmount, ZERO_DECIMAL_CURRENCIES, type Money } from '@paygate/chassis';

/** The symbols Stripe's refund messages use ("Refund amount ($25.00) is greater than …"). */
const SYMBOLS: Readonly<Record<string, string>> = { usd: '$', eur: '€', gbp: '£', jpy: '¥', inr: '₹', krw: '₩' };

/** Minor units as Stripe writes them in a message: $25.00, £54.45, ¥500; other currencies as "12.34 sek". */
export function displayAmount(money: Money): string {
  const symbol = SYMBOLS[money.currency];
  if (!symbol) return formatAmount(money);
  if (ZERO_DECIMAL_CURRENCIES.has(money.currency)) return `${symbol}${money.amount}`;
  const units = Math.trunc(money.amount / 100);
  const cents = String(money.amount % 100).padStart(2, '0');
  return `${symbol}${units}.${cents}`;
}
