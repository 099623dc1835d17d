import type { EventEnvelope } from '@paygate/chassis';
import type { BalanceTx } from '../db/client';
import type { Clock } from '@paygate/chassis';
import { payoutObject } from './payout-object';
import { returnDebitedFunds } from './returned-funds';

/**
 * payout.failed → payout_failure, payout.canceled → payout_cancel: the payout's debit comes back.
 * A reversal (negative amount) took nothing from the balance, so its failure or cancel returns nothing.
 */
export function bookPayoutReturn(type: 'payout_failure' | 'payout_cancel', clock: Clock) {
  return async (event: EventEnvelope, tx: BalanceTx): Promise<void> => {
    const payout = payoutObject.parse(event.data.object);
    if (payout.amount <= 0 || !payout.failureBalanceTransactionId) return;
    const description = type === 'payout_failure' ? 'PAYOUT FAILURE' : 'PAYOUT CANCEL';
    await returnDebitedFunds(tx, { account: event.account, eventId: event.id, type, debitType: 'payout', source: payout.id, id: payout.failureBalanceTransactionId, description }, clock());
  };
}
