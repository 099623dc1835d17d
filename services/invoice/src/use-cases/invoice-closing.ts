import { PaygateError, requireSecretCaller } from '@paygate/chassis';
import { invoiceStatusAfter } from '../domain/invoice-transitions';
import { parseInvoiceStatus } from '../domain/invoice-status';
import type { InvoiceNode, InvoiceRow } from '../db/invoice-node';
import { updateLockedInvoice } from '../db/invoices';
import { writeInvoiceEvents } from '../events/invoice-events';
import { invoiceNode, type Caller, type InvoiceDeps } from './deps';
import { releaseCustomerBalance } from './invoice-credit';
import { finalizedForCollection } from './invoice-finalize';
import { invoiceOrThrow, lockedInvoiceOrThrow } from './invoices';

function assertNoPaymentInFlight(row: InvoiceRow): void {
  if (row.paymentAttempt !== null) throw new PaygateError('invalid_request', `A payment of invoice ${row.id} is in progress; wait for its outcome.`);
}

/**
 * Gives the customer's balance applied at finalization back, after the void committed (the void is
 * final, so the release only has to happen, once: the customer service's mutation is idempotent).
 * Not answered now, the sweep asks again (sweep_at stays set while balance_release_pending).
 */
export async function finishBalanceRelease(deps: InvoiceDeps, row: InvoiceRow, requestId: string): Promise<InvoiceRow> {
  if (!row.balanceReleasePending) return row;
  try {
    await releaseCustomerBalance(deps, row, requestId);
  } catch (err) {
    deps.logger.warn({ err, invoice: row.id }, 'could not give the customer balance back yet; the sweep asks again');
    return row;
  }
  return deps.prisma.$transaction(async (tx) => {
    await lockedInvoiceOrThrow(tx, row.account, row.id);
    return updateLockedInvoice(tx, row.id, { balanceReleasePending: false, sweepAt: null });
  });
}

/** POST /v1/invoices/:id/void: open or uncollectible → void (invoice.voided); the balance applied goes back to the customer. */
export async function voidInvoice(deps: InvoiceDeps, caller: Caller, id: string): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const row = await deps.prisma.$transaction(async (tx) => {
    const invoice = await lockedInvoiceOrThrow(tx, caller.account, id);
    const status = invoiceStatusAfter(parseInvoiceStatus(invoice.status), 'void');
    assertNoPaymentInFlight(invoice);
    const now = deps.clock();
    const applied = invoice.balanceAppliedTotal !== null;
    const voided = await updateLockedInvoice(tx, id, { status, voidedAt: now, autoAdvance: false, balanceReleasePending: applied, sweepAt: applied ? now : null });
    await writeInvoiceEvents(tx, caller.account, ['invoice.voided'], invoiceNode(deps, voided), now);
    return voided;
  });
  deps.afterCommit();
  return invoiceNode(deps, await finishBalanceRelease(deps, row, caller.requestId));
}

/** POST /v1/invoices/:id/mark_uncollectible: open → uncollectible (invoice.marked_uncollectible); it may still be paid or voided. */
export async function markInvoiceUncollectible(deps: InvoiceDeps, caller: Caller, id: string): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const row = await deps.prisma.$transaction(async (tx) => {
    const invoice = await lockedInvoiceOrThrow(tx, caller.account, id);
    const status = invoiceStatusAfter(parseInvoiceStatus(invoice.status), 'mark_uncollectible');
    assertNoPaymentInFlight(invoice);
    const now = deps.clock();
    const marked = await updateLockedInvoice(tx, id, { status, markedUncollectibleAt: now, autoAdvance: false });
    await writeInvoiceEvents(tx, caller.account, ['invoice.marked_uncollectible'], invoiceNode(deps, marked), now);
    return marked;
  });
  deps.afterCommit();
  return invoiceNode(deps, row);
}

/**
 * POST /v1/invoices/:id/send: a send_invoice invoice (a draft is finalized first, as Stripe does) is
 * recorded as sent (invoice.sent); Paygate sends no email. Only open invoices can be sent.
 */
export async function sendInvoice(deps: InvoiceDeps, caller: Caller, id: string): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const seen = await invoiceOrThrow(deps.prisma, caller.account, id);
  if (seen.collectionMethod !== 'send_invoice') {
    throw new PaygateError('invalid_request', 'You can only manually send an invoice if its collection method is `send_invoice`.', { param: 'collection_method' });
  }
  await finalizedForCollection(deps, caller, seen);
  const row = await deps.prisma.$transaction(async (tx) => {
    const invoice = await lockedInvoiceOrThrow(tx, caller.account, id);
    if (invoice.status !== 'open') throw new PaygateError('invalid_request', `You can only send an open invoice; ${id} is ${invoice.status}.`);
    const now = deps.clock();
    const sent = await updateLockedInvoice(tx, id, { sentAt: now });
    await writeInvoiceEvents(tx, caller.account, ['invoice.sent'], invoiceNode(deps, sent), now);
    return sent;
  });
  deps.afterCommit();
  return invoiceNode(deps, row);
}
