import type { BalanceTx } from '../db/client';
import { findEntryOf } from '../db/debits';
import { recordEntryOnce } from '../db/ledger';
import { movementEntry, type LedgerEntryType } from '../domain/ledger';

export interface ReturnedFunds {
  account: string;
  eventId: string;
  /** The entry that returns the funds: refund_failure, payout_failure or payout_cancel. */
  type: Extract<LedgerEntryType, 'refund_failure' | 'payout_failure' | 'payout_cancel'>;
  /** The debit it undoes: a refund or a payout. */
  debitType: Extract<LedgerEntryType, 'refund' | 'payout'>;
  /** The refund or payout (re_…, po_…): the source of both entries. */
  source: string;
  /** The id the producer assigned (failureBalanceTransactionId). */
  id: string;
  description: string | null;
}

/**
 * Gives back what a failed or canceled refund or payout took: exactly the debit's amount, available
 * no earlier than the debit was (a refund of still-pending funds returns them pending). Funds that
 * were never debited are not returned, so a stray or repeated event cannot mint money.
 */
export async function returnDebitedFunds(tx: BalanceTx, funds: ReturnedFunds, now: number): Promise<boolean> {
  const debit = await findEntryOf(tx, funds.account, funds.source, funds.debitType);
  if (!debit || debit.net >= 0) return false;
  const entry = movementEntry(
    { id: funds.id, type: funds.type, amount: -debit.net, currency: debit.currency, source: funds.source, description: funds.description },
    Math.max(now, debit.availableOn),
    now,
  );
  return recordEntryOnce(tx, funds.account, funds.eventId, entry);
}
