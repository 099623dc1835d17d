import type { EventEnvelope } from '@paygate/chassis';
import { z } from 'zod';
import type { BalanceTx } from '../db/client';
import type { Clock } from '@paygate/chassis';
import { returnDebitedFunds } from './returned-funds';

/** What the ledger needs from a refund event's object (the refund service's node). */
const refundObject = z.object({
  id: z.string().startsWith('re_'),
  failureBalanceTransactionId: z.string().startsWith('txn_').nullable(),
});

/** refund.failed → a refund_failure entry returning the refund's debit. */
export function bookRefundFailure(clock: Clock) {
  return async (event: EventEnvelope, tx: BalanceTx): Promise<void> => {
    const refund = refundObject.parse(event.data.object);
    if (!refund.failureBalanceTransactionId) return;
    await returnDebitedFunds(
      tx,
      { account: event.account, eventId: event.id, type: 'refund_failure', debitType: 'refund', source: refund.id, id: refund.failureBalanceTransactionId, description: 'REFUND FAILURE' },
      clock(),
    );
  };
}
