import { TOPICS, type Clock, type EventHandler, type EventType } from '@paygate/chassis';
import type { BalanceTx } from '../db/client';
import { bookCapturedCharge } from './captured-charge';
import { bookPayoutReversal } from './payout-paid';
import { bookPayoutReturn } from './payout-returned';
import { bookRefundFailure } from './refund-failed';

/** The ledger's subscriptions: credits only (debits are booked synchronously by debitBalance). */
export const BALANCE_TOPICS = [TOPICS.charge, TOPICS.refund, TOPICS.payout];

export function balanceHandlers(clock: Clock): Partial<Record<EventType, EventHandler<BalanceTx>>> {
  return {
    'charge.succeeded': bookCapturedCharge(clock),
    'charge.captured': bookCapturedCharge(clock),
    'refund.failed': bookRefundFailure(clock),
    'payout.failed': bookPayoutReturn('payout_failure', clock),
    'payout.canceled': bookPayoutReturn('payout_cancel', clock),
    'payout.paid': bookPayoutReversal(clock),
  };
}
