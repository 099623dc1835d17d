import { newId, requireSecretCaller, type GraphCaller } from '@paygate/chassis';
import type { InvoiceRow } from '../db/invoice-node';
import { findInvoice, invoicesToSweep, updateLockedInvoice } from '../db/invoices';
import type { Caller, InvoiceDeps } from './deps';
import { finishBalanceRelease } from './invoice-closing';
import { finalizeInvoice } from './invoice-finalize';
import { attemptPayment, finishAttempt } from './invoice-pay';
import { lockedInvoiceOrThrow } from './invoices';

/** At most this many invoices a sweep; the next tick takes the rest. */
const SWEEP_BATCH = 50;
/** A step that failed (a service away) is tried again this much later, not on every tick. */
const RETRY_AFTER_SECONDS = 60;

/**
 * One due invoice: auto-advance a draft (finalize, and pay a charge_automatically one right after),
 * finish a finalization or a payment attempt its request did not (asking again with the attempt's key is idempotent),
 * or give a voided invoice's balance back. Returns whether it moved.
 */
async function sweepInvoice(deps: InvoiceDeps, row: InvoiceRow, now: number): Promise<boolean> {
  const caller: GraphCaller = { account: row.account, keyType: 'service', requestId: newId('request') };
  if (row.balanceReleasePending) return !(await finishBalanceRelease(deps, row, caller.requestId)).balanceReleasePending;
  const autoAdvanceDue = row.autoAdvance && row.automaticallyFinalizesAt !== null && row.automaticallyFinalizesAt <= now;
  // A finalization its request did not finish (balance_applied_total set) is finished: asking the customer service again is idempotent.
  if (row.status === 'draft' && (autoAdvanceDue || row.balanceAppliedTotal !== null)) {
    const finalized = await finalizeInvoice(deps, caller, row.id);
    if (finalized.status === 'open' && finalized.collectionMethod === 'charge_automatically' && finalized.autoAdvance) await attemptPayment(deps, caller, row.id, {});
    return true;
  }
  if (row.paymentAttempt !== null) return (await finishAttempt(deps, row, caller.requestId)).outcome?.kind !== 'unanswered';
  await postpone(deps, row, null);
  return false;
}

/** Next look at `row` (null: none needed). */
async function postpone(deps: InvoiceDeps, row: InvoiceRow, until: number | null): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const current = await lockedInvoiceOrThrow(tx, row.account, row.id);
    if (current.sweepAt === row.sweepAt) await updateLockedInvoice(tx, row.id, { sweepAt: until });
  });
}

/**
 * The invoice service's periodic task (and, for one account, test mode's advanceInvoices): every
 * invoice whose sweep_at has come, by one indexed query. One invoice's trouble is logged, retried a
 * minute later, and never stops the others.
 */
export async function sweepInvoices(deps: InvoiceDeps, account: string | null, now: number): Promise<number> {
  let moved = 0;
  for (const due of await invoicesToSweep(deps.prisma, now, account, SWEEP_BATCH)) {
    const row = await findInvoice(deps.prisma, due.account, due.id);
    if (!row || row.sweepAt === null || row.sweepAt > now) continue;
    try {
      if (await sweepInvoice(deps, row, now)) moved += 1;
    } catch (err) {
      deps.logger.warn({ err, invoice: row.id }, 'could not advance an invoice; retried later');
      await postpone(deps, row, now + RETRY_AFTER_SECONDS).catch(() => undefined);
    }
  }
  return moved;
}

/** Test mode (like Stripe's test clocks): the calling account's sweep as of `now`, e.g. an hour on to auto-advance its drafts. */
export function advanceCallerInvoices(deps: InvoiceDeps, caller: Pick<Caller, 'account' | 'keyType'>, now: number | null | undefined): Promise<number> {
  requireSecretCaller(caller);
  return sweepInvoices(deps, caller.account, now ?? deps.clock());
}
