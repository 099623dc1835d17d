/**
 * Stripe's test bank account numbers (https://docs.stripe.com/connect/testing#payouts, US routing
 * 110000000): a payout to one of the failing ones is sent, then fails with that code and its funds
 * come back. Every other number is paid. Both the 12- and the 9-digit forms Stripe lists are known.
 */
export const TEST_ROUTING_NUMBER = '110000000';
export const TEST_BANK_NAME = 'STRIPE TEST BANK';
/** The account every Paygate account starts with (created on first use). */
export const DEFAULT_TEST_ACCOUNT_NUMBER = '000123456789';

export const PAYOUT_FAILURE_CODES = ['no_account', 'account_closed', 'insufficient_funds', 'debit_not_authorized', 'invalid_currency'] as const;
export type PayoutFailureCode = (typeof PAYOUT_FAILURE_CODES)[number];

const FAILING_NUMBERS: Readonly<Record<string, PayoutFailureCode>> = {
  '000111111116': 'no_account',
  '111111116': 'no_account',
  '000111111113': 'account_closed',
  '111111113': 'account_closed',
  '000222222227': 'insufficient_funds',
  '222222227': 'insufficient_funds',
  '000333333335': 'debit_not_authorized',
  '333333335': 'debit_not_authorized',
  '000444444440': 'invalid_currency',
  '444444440': 'invalid_currency',
};

/** How a payout to this account number ends in test mode: a failure code, or null (paid). */
export function testFailureCodeOf(accountNumber: string): PayoutFailureCode | null {
  return FAILING_NUMBERS[accountNumber] ?? null;
}

/** The failure_message a failed payout carries, one per failure code (Stripe's codes: https://docs.stripe.com/api/payouts/failures). */
export function payoutFailureMessage(code: string): string {
  switch (code as PayoutFailureCode) {
    case 'no_account':
      return 'The bank account details on file are probably incorrect. No bank account could be located with those details.';
    case 'account_closed':
      return 'The bank account has been closed.';
    case 'insufficient_funds':
      return 'Your Stripe account has insufficient funds to cover the payout.';
    case 'debit_not_authorized':
      return 'Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)';
    case 'invalid_currency':
      return 'The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.';
    default:
      return 'The payout failed.';
  }
}
