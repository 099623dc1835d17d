import { MAXIMUM_AMOUNT, mergeMetadata, PaygateError, parseCurrency, type Metadata } from '@paygate/chassis';
import { parsePayoutMethod, PAYOUT_METHODS, type PayoutMethod } from './payout-status';

/** POST /v1/payouts as the graph passes it (GraphQL `PayoutCreateInput`). */
export interface PayoutCreateParams {
  amount: number;
  currency: string;
  description?: string | null;
  destination?: string | null;
  metadata?: Record<string, string> | null;
  method?: string | null;
  sourceType?: string | null;
  statementDescriptor?: string | null;
}

export interface ValidPayoutCreate {
  amount: number;
  currency: string;
  description: string | null;
  destination: string | null;
  metadata: Metadata;
  method: PayoutMethod;
  statementDescriptor: string | null;
}

export const DESCRIPTION_MAX_LENGTH = 1_000;
export const STATEMENT_DESCRIPTOR_MAX_LENGTH = 22;

/** Stripe's rules for a payout request; the first problem is the error, with its param. */
export function parsePayoutCreate(input: PayoutCreateParams): ValidPayoutCreate {
  if (!Number.isSafeInteger(input.amount) || input.amount < 1) throw new PaygateError('parameter_invalid_integer', 'Invalid positive integer', { param: 'amount' });
  if (input.amount > MAXIMUM_AMOUNT) throw new PaygateError('amount_too_large', 'Amount must be no more than 99,999,999', { param: 'amount' });
  const currency = parseCurrency(input.currency);
  if (input.description && input.description.length > DESCRIPTION_MAX_LENGTH) {
    throw new PaygateError('invalid_request', `Invalid description: must be at most ${DESCRIPTION_MAX_LENGTH} characters`, { param: 'description' });
  }
  const descriptor = input.statementDescriptor || null;
  if (descriptor && (descriptor.length > STATEMENT_DESCRIPTOR_MAX_LENGTH || /[<>\\'"*]/.test(descriptor))) {
    throw new PaygateError('invalid_request', `The statement descriptor must be at most ${STATEMENT_DESCRIPTOR_MAX_LENGTH} characters and cannot contain <, >, \\, ', " or *.`, { param: 'statement_descriptor' });
  }
  if (input.method && !(PAYOUT_METHODS as readonly string[]).includes(input.method)) {
    throw new PaygateError('invalid_request', `Invalid method: must be one of ${PAYOUT_METHODS.join(', ')}`, { param: 'method' });
  }
  // Paygate settles card payments only: there is no bank_account or fpx balance to pay out from.
  if (input.sourceType && input.sourceType !== 'card') {
    throw new PaygateError('balance_insufficient', `You have insufficient funds in your ${input.sourceType} balance: this account only has a card balance.`, { param: 'source_type' });
  }
  return {
    amount: input.amount,
    currency,
    description: input.description || null,
    destination: input.destination || null,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    method: parsePayoutMethod(input.method ?? 'standard'),
    statementDescriptor: descriptor,
  };
}

/** The answer to a payout the balance could not cover (the first time, and on a retry of its key). */
export function insufficientFundsForPayout(currency: string): PaygateError {
  return new PaygateError(
    'balance_insufficient',
    `You have insufficient funds in your Paygate account for this payout: your available ${currency} balance is too low. You can use the /v1/balance endpoint to view your balance.`,
    { param: 'amount' },
  );
}
