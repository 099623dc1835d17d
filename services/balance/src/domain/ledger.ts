import { chargeFeeBreakdown, type FeeDetail } from '@paygate/chassis';

/** Pure ledger rules: what a charge adds to the balance, and when it becomes available. */
export const SECONDS_PER_DAY = 86_400;

/** Standard payout schedule: funds become available at the start of the UTC day, two days later. */
export const AVAILABILITY_DELAY_DAYS = 2;

export function availableOn(createdSeconds: number, funds: 'standard' | 'immediate'): number {
  if (funds === 'immediate') return createdSeconds;
  const dayStart = createdSeconds - (createdSeconds % SECONDS_PER_DAY);
  return dayStart + AVAILABILITY_DELAY_DAYS * SECONDS_PER_DAY;
}

export type BalanceTransactionStatus = 'available' | 'pending';

export function balanceTransactionStatus(availableOnSeconds: number, nowSeconds: number): BalanceTransactionStatus {
  return availableOnSeconds <= nowSeconds ? 'available' : 'pending';
}

export interface LedgerEntry {
  id: string;
  amount: number;
  currency: string;
  fee: number;
  feeDetails: FeeDetail[];
  net: number;
  type: 'charge';
  reportingCategory: 'charge';
  source: string;
  description: string | null;
  availableOn: number;
  created: number;
}

export interface CapturedCharge {
  id: string;
  amount: number;
  currency: string;
  created: number;
  description: string | null;
  balanceTransactionId: string;
  funds: 'standard' | 'immediate';
}

/** A captured charge → its `charge` balance transaction (2.9% + 30 fee, half up; net = amount − fee). */
export function chargeEntry(charge: CapturedCharge, nowSeconds: number): LedgerEntry {
  const { fee, net, feeDetails } = chargeFeeBreakdown({ amount: charge.amount, currency: charge.currency });
  return {
    id: charge.balanceTransactionId,
    amount: charge.amount,
    currency: charge.currency,
    fee,
    feeDetails,
    net,
    type: 'charge',
    reportingCategory: 'charge',
    source: charge.id,
    description: charge.description,
    availableOn: availableOn(charge.created, charge.funds),
    created: nowSeconds,
  };
}

export interface CurrencyBalance {
  currency: string;
  available: number;
  pending: number;
}

/** Stripe shows a zero balance in the default currency when nothing has happened yet. */
export function withDefaultCurrency(balances: CurrencyBalance[], currency = 'usd'): CurrencyBalance[] {
  return balances.length > 0 ? balances : [{ currency, available: 0, pending: 0 }];
}
