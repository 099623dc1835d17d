import { chargeFeeBreakdown, type FeeDetail } from '@paygate/chassis';

/** Pure ledger rules: what each movement of money adds to the balance, and when it becomes available. */
export const SECONDS_PER_DAY = 86_400;

/**
 * Standard availability: a charge's funds become available at 00:00 UTC of its day + 2 days (Stripe's
 * US standard payout delay); 4000000000000077 / tok_bypassPending / pm_card_bypassPending charges
 * (`funds: immediate`) at once. Debits and returned funds count from when they are booked.
 */
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

/** The balance transaction types Paygate books (Stripe's values): a charge and the money movements after it. */
export const LEDGER_ENTRY_TYPES = ['charge', 'refund', 'refund_failure', 'payout', 'payout_cancel', 'payout_failure'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export type ReportingCategory = 'charge' | 'refund' | 'refund_failure' | 'payout' | 'payout_reversal';

/** Stripe's reporting_category of each type: funds returned by a failed or canceled payout are a payout_reversal. */
export function reportingCategoryOf(type: LedgerEntryType): ReportingCategory {
  switch (type) {
    case 'charge':
    case 'refund':
    case 'refund_failure':
    case 'payout':
      return type;
    case 'payout_cancel':
    case 'payout_failure':
      return 'payout_reversal';
    default: {
      const unhandled: never = type;
      throw new Error(`Unhandled balance transaction type ${String(unhandled)}`);
    }
  }
}

export interface LedgerEntry {
  id: string;
  amount: number;
  currency: string;
  fee: number;
  feeDetails: FeeDetail[];
  net: number;
  type: LedgerEntryType;
  reportingCategory: ReportingCategory;
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

/** A movement without a fee (Stripe keeps a refunded charge's fee): amount = net, booked under a pre-assigned id. */
export interface Movement {
  id: string;
  type: Exclude<LedgerEntryType, 'charge'>;
  /** Signed minor units: negative leaves the balance, positive returns to it. */
  amount: number;
  currency: string;
  source: string;
  description: string | null;
}

export function movementEntry(movement: Movement, availableOnSeconds: number, nowSeconds: number): LedgerEntry {
  return {
    ...movement,
    fee: 0,
    feeDetails: [],
    net: movement.amount,
    reportingCategory: reportingCategoryOf(movement.type),
    availableOn: availableOnSeconds,
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
