import { MINIMUM_CHARGE_AMOUNT, PaygateError } from '@paygate/chassis';

/**
 * Customer balance rules (Stripe's customer credit balance): negative is credit the merchant owes
 * the customer, positive is owed by the customer. Every change is a balance transaction; the balance
 * is their sum. Pure: no I/O.
 */
export const BALANCE_TRANSACTION_TYPES = ['adjustment', 'applied_to_invoice', 'initial', 'invoice_too_small', 'unapplied_from_invoice'] as const;
export type BalanceTransactionType = (typeof BALANCE_TRANSACTION_TYPES)[number];

/** A balance set on a customer that has no currency yet (customer create/update `balance`) is in usd. */
export const DEFAULT_BALANCE_CURRENCY = 'usd';

/** The balance is stored as a 32-bit integer (and GraphQL's Int is one). */
export const BALANCE_LIMIT = 2_147_483_647;

export const DESCRIPTION_MAX = 350;

export interface BalanceEntry {
  type: BalanceTransactionType;
  amount: number;
}

/** Each entry's ending_balance, starting from `balance`; a balance out of range is refused. */
export function runningBalances(balance: number, entries: readonly BalanceEntry[], param = 'amount'): number[] {
  let running = balance;
  return entries.map((entry) => {
    running += entry.amount;
    if (Math.abs(running) > BALANCE_LIMIT) {
      throw new PaygateError('invalid_request', `This transaction would take the customer's balance beyond ±${BALANCE_LIMIT}.`, { param });
    }
    return running;
  });
}

/** POST /v1/customers/:id/balance_transactions `amount`: a non-zero integer. */
export function assertAdjustmentAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount === 0) {
    throw new PaygateError('invalid_request', 'The amount of a customer balance transaction must be a non-zero integer.', { param: 'amount' });
  }
}

export function assertDescription(description: string | null | undefined): void {
  if (typeof description === 'string' && description.length > DESCRIPTION_MAX) {
    throw new PaygateError('parameter_invalid_string', `Invalid description: must be at most ${DESCRIPTION_MAX} characters`, { param: 'description' });
  }
}

export interface BalanceHolder {
  id: string;
  balance: number;
  currency: string | null;
}

/**
 * The currency an adjustment in `currency` is booked in: the customer's, which it must match; a
 * customer without one takes it (Stripe: "If the customer's currency is not set, it will be updated
 * to this value").
 */
export function adjustmentCurrency(customer: BalanceHolder, currency: string): string {
  if (customer.currency !== null && customer.currency !== currency) {
    throw new PaygateError(
      'invalid_request',
      `The currency of customer ${customer.id} is ${customer.currency}: a balance transaction in ${currency} cannot be added to it.`,
      { param: 'currency' },
    );
  }
  return currency;
}

/**
 * The balance an invoice in `currency` sees: the customer's, when it is in that currency (or has none
 * yet). A balance in another currency refuses the invoice (Stripe's multi-currency customers would
 * leave it for an invoice in its own currency; Paygate keeps one balance per customer). A zero balance
 * in another currency is simply zero, and the currency becomes the invoice's if anything is carried.
 */
export function invoiceBalance(customer: BalanceHolder, currency: string): number {
  if (customer.currency === null || customer.currency === currency) return customer.balance;
  if (customer.balance === 0) return 0;
  throw new PaygateError(
    'invalid_request',
    `Customer ${customer.id} has a balance in ${customer.currency}; it cannot be applied to an invoice in ${currency}.`,
    { param: 'currency' },
  );
}

export interface InvoiceBalanceOutcome {
  startingBalance: number;
  endingBalance: number;
  amountDue: number;
  /** amountDue was positive but below the currency's minimum charge: it went to the balance instead. */
  carriedToBalance: boolean;
  /** What to book, in order: applied_to_invoice (what moved) and/or invoice_too_small. */
  entries: BalanceEntry[];
}

/**
 * Stripe at invoice finalization: the customer's balance applies to the invoice — a credit (B < 0)
 * reduces the amount due by up to the total, a debit (B > 0) is added to it. A positive amount due
 * below the currency's minimum charge is not charged: it is added to the balance (invoice_too_small)
 * for the next invoice and the invoice is paid with nothing charged.
 */
export function applyBalanceToInvoice(balance: number, total: number, currency: string): InvoiceBalanceOutcome {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new PaygateError('parameter_invalid_integer', 'An invoice total is a non-negative integer.', { param: 'total' });
  }
  const minimum = MINIMUM_CHARGE_AMOUNT[currency];
  if (minimum === undefined) throw new PaygateError('currency_invalid', `Invalid currency: ${currency}`, { param: 'currency' });
  const entries: BalanceEntry[] = [];
  let amountDue = total;
  if (balance < 0) {
    const applied = Math.min(-balance, total);
    amountDue = total - applied;
    if (applied > 0) entries.push({ type: 'applied_to_invoice', amount: applied });
  } else if (balance > 0) {
    amountDue = total + balance;
    entries.push({ type: 'applied_to_invoice', amount: -balance });
  }
  if (amountDue > BALANCE_LIMIT) {
    throw new PaygateError('invalid_request', `The invoice total plus the customer's balance exceeds ${BALANCE_LIMIT}.`, { param: 'total' });
  }
  const carriedToBalance = amountDue > 0 && amountDue < minimum;
  if (carriedToBalance) {
    entries.push({ type: 'invoice_too_small', amount: amountDue });
    amountDue = 0;
  }
  const endings = runningBalances(balance, entries, 'total');
  return { startingBalance: balance, endingBalance: endings.at(-1) ?? balance, amountDue, carriedToBalance, entries };
}

/** Voiding gives back what the invoice took: the reverse of its applied_to_invoice amount. */
export function unappliedEntry(appliedAmount: number): BalanceEntry {
  return { type: 'unapplied_from_invoice', amount: -appliedAmount };
}
