import { claimIdempotentEffect, PaygateError, randomBase62, requireSecretCaller } from '@paygate/chassis';
import { formatInvoiceNumber } from '../domain/invoice-number';
import { finalizedAmounts, type CustomerBalanceApplication } from '../domain/invoice-payment';
import { invoiceStatusAfter } from '../domain/invoice-transitions';
import { parseInvoiceStatus } from '../domain/invoice-status';
import { invoiceItemsSum } from '../db/invoice-items';
import type { InvoiceNode, InvoiceRow } from '../db/invoice-node';
import { customerSnapshotColumns, madeWithKey, takeInvoiceSequence, updateLockedInvoice } from '../db/invoices';
import { writeInvoiceEvents } from '../events/invoice-events';
import { billedCustomer } from './billed-customer';
import { invoiceNode, type Caller, type InvoiceDeps } from './deps';
import { applyCustomerBalance } from './invoice-credit';
import { invoiceOrThrow, lockedInvoiceOrThrow } from './invoices';

/** Who may finalize, pay or send: the merchant (its request's Idempotency-Key rides along) or the sweep. */
export type Collector = Pick<Caller, 'account' | 'keyType' | 'requestId'> & { idempotencyKey?: string | null };

const FINALIZE = 'invoice.finalize';

/** A finalization holds the draft's lock across the customer service's answer (the graph times out at 30 s). */
const FINALIZE_TX = { maxWait: 10_000, timeout: 40_000 } as const;

/** A finalization its request did not finish is the sweep's after this long (longer than the graph's timeout). */
export const FINALIZE_RECOVERY_AFTER_SECONDS = 60;

/**
 * Step 1: record the total the customer service is about to be asked about, and commit it, so a crash
 * after its answer leaves a trace (the draft keeps its total; the sweep finishes the finalization). A
 * draft already carrying that total (a retried finalization) is left as it is.
 */
async function recordBalanceApplication(deps: InvoiceDeps, account: string, id: string): Promise<number> {
  return deps.prisma.$transaction(async (tx) => {
    const draft = await lockedInvoiceOrThrow(tx, account, id);
    invoiceStatusAfter(parseInvoiceStatus(draft.status), 'finalize');
    const total = await invoiceItemsSum(tx, id);
    if (draft.balanceAppliedTotal !== null && draft.balanceAppliedTotal !== total) {
      throw new Error(`invoice ${id} carries a balance application of ${draft.balanceAppliedTotal} but totals ${total}`);
    }
    if (draft.balanceAppliedTotal === null) await updateLockedInvoice(tx, id, { balanceAppliedTotal: total, sweepAt: deps.clock() + FINALIZE_RECOVERY_AFTER_SECONDS });
    return total;
  });
}

/**
 * POST /v1/invoices/:id/finalize (protocol in README): the draft becomes open with its number, its
 * hosted page and the customer's balance applied by the customer service, in one transaction with
 * invoice.finalized; when nothing is left to charge it is paid at once (invoice.paid). If the customer
 * service does not answer, nothing visible changes and the error is a 500 the SDK retries.
 */
export async function finalizeInvoice(deps: InvoiceDeps, caller: Collector, id: string, input: { autoAdvance?: boolean | null } = {}): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const { account } = caller;
  const key = caller.idempotencyKey ?? null;
  const seen = await invoiceOrThrow(deps.prisma, account, id);
  if (await madeWithKey(deps.prisma, account, key, FINALIZE, id)) return invoiceNode(deps, seen);
  invoiceStatusAfter(parseInvoiceStatus(seen.status), 'finalize');
  const customer = await billedCustomer(deps, caller, seen.customerId);
  if (!customer.invoicePrefix) throw new Error(`customer ${customer.id} has no invoice prefix`);
  const prefix = customer.invoicePrefix;
  if (seen.collectionMethod === 'send_invoice' && seen.dueDate === null) {
    throw new PaygateError('invalid_request', 'Invoices with `collection_method=send_invoice` need a `due_date` or `days_until_due` before they are finalized.', { param: 'due_date' });
  }
  const total = await recordBalanceApplication(deps, account, id);
  const result = await deps.prisma.$transaction(async (tx) => {
    const draft = await lockedInvoiceOrThrow(tx, account, id);
    // The same Idempotency-Key finished it meanwhile (a concurrent retry): its outcome is the answer.
    if (key && (await claimIdempotentEffect(tx, { account, key, operation: FINALIZE, objectId: id }))) return { row: draft };
    invoiceStatusAfter(parseInvoiceStatus(draft.status), 'finalize');
    // Another finalization of this draft got here first with another total, or a delete released it: ask again.
    if (draft.balanceAppliedTotal !== total) throw new PaygateError('invalid_request', `Invoice ${id} changed while it was being finalized; finalize it again.`);
    let application: CustomerBalanceApplication;
    try {
      application = await applyCustomerBalance(deps, draft, total, caller.requestId);
    } catch (err) {
      // A catalog error is the customer service's refusal (its mutation is one transaction: nothing was
      // applied): the trace goes and the draft can change again. No answer may have been applied: it stays.
      if (!(err instanceof PaygateError)) throw err;
      await updateLockedInvoice(tx, id, { balanceAppliedTotal: null, sweepAt: draft.automaticallyFinalizesAt });
      return { refused: err };
    }
    const amounts = finalizedAmounts(application);
    const now = deps.clock();
    const finalized = await updateLockedInvoice(tx, id, {
      status: amounts.paidAtFinalization ? 'paid' : invoiceStatusAfter('draft', 'finalize'),
      number: formatInvoiceNumber(prefix, await takeInvoiceSequence(tx, account, prefix)),
      ...customerSnapshotColumns(customer),
      subtotal: total,
      total,
      startingBalance: amounts.startingBalance,
      endingBalance: amounts.endingBalance,
      amountDue: amounts.amountDue,
      amountPaid: amounts.amountPaid,
      hostedSecret: `insec_${randomBase62(32)}`,
      finalizedAt: now,
      ...(amounts.paidAtFinalization ? { paidAt: now } : {}),
      ...(input.autoAdvance != null ? { autoAdvance: input.autoAdvance } : {}),
      automaticallyFinalizesAt: null,
      sweepAt: null,
    });
    await writeInvoiceEvents(tx, account, amounts.paidAtFinalization ? ['invoice.finalized', 'invoice.paid'] : ['invoice.finalized'], invoiceNode(deps, finalized), now);
    return { row: finalized };
  }, FINALIZE_TX);
  if ('refused' in result) throw result.refused;
  const { row } = result;
  deps.afterCommit();
  return invoiceNode(deps, row);
}

/** A draft pay or send finalizes first, as Stripe does; an invoice already finalized is returned as it is. */
export async function finalizedForCollection(deps: InvoiceDeps, caller: Collector, row: InvoiceRow): Promise<InvoiceRow> {
  if (row.status !== 'draft') return row;
  await finalizeInvoice(deps, { account: caller.account, keyType: caller.keyType, requestId: caller.requestId }, row.id);
  return invoiceOrThrow(deps.prisma, caller.account, row.id);
}
