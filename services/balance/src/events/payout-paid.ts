import type { EventEnvelope } from '@paygate/chassis';
import type { BalanceTx } from '../db/client';
import { findEntryOf } from '../db/debits';
import { recordEntryOnce } from '../db/ledger';
import { movementEntry } from '../domain/ledger';
import type { Clock } from '@paygate/chassis';
import { payoutObject } from './payout-object';

/**
 * payout.paid of a reversal (POST /v1/payouts/:id/reverse; negative amount): the bank was debited, so
 * the funds come back as a positive `payout` entry. Only when the original payout's debit stands (it
 * was neither failed nor canceled, whose funds came back already) and matches the amount.
 */
export function bookPayoutReversal(clock: Clock) {
  return async (event: EventEnvelope, tx: BalanceTx): Promise<void> => {
    const reversal = payoutObject.parse(event.data.object);
    if (reversal.amount >= 0 || !reversal.originalPayoutId || !reversal.balanceTransactionId) return;
    const original = await findEntryOf(tx, event.account, reversal.originalPayoutId, 'payout');
    if (!original || original.net !== reversal.amount || original.currency !== reversal.currency) return;
    for (const returned of ['payout_failure', 'payout_cancel']) {
      if (await findEntryOf(tx, event.account, reversal.originalPayoutId, returned)) return;
    }
    const now = clock();
    const entry = movementEntry(
      { id: reversal.balanceTransactionId, type: 'payout', amount: -reversal.amount, currency: reversal.currency, source: reversal.id, description: 'PAYOUT REVERSAL' },
      now,
      now,
    );
    await recordEntryOnce(tx, event.account, event.id, entry);
  };
}
