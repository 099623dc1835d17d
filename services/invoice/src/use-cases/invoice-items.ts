import { fail, idempotently, mergeMetadata, newId, PaygateError, requireSecretCaller, type ListArgs, type Metadata, type Page } from '@paygate/chassis';
import { invoiceItemAmount, updatedInvoiceItemAmount, type InvoiceItemAmountParams } from '../domain/invoice-item-amount';
import type { InvoiceTx } from '../db/client';
import * as items from '../db/invoice-items';
import type { InvoiceRow } from '../db/invoice-node';
import { lockInvoice } from '../db/invoices';
import { writeInvoiceItemEvent } from '../events/invoice-events';
import { billedCustomer, billingCurrency } from './billed-customer';
import type { Caller, InvoiceDeps } from './deps';
import { assertNotFinalizing } from './invoice-credit';
import { recomputeDraftTotals } from './invoice-totals';

export interface InvoiceItemPeriod {
  start: number;
  end: number;
}

export interface InvoiceItemCreateParams extends InvoiceItemAmountParams {
  customer: string;
  currency?: string | null;
  description?: string | null;
  discountable?: boolean | null;
  invoice?: string | null;
  period?: InvoiceItemPeriod | null;
  metadata?: Metadata | null;
}

export interface InvoiceItemUpdateParams extends InvoiceItemAmountParams {
  description?: string | null;
  discountable?: boolean | null;
  period?: InvoiceItemPeriod | null;
  metadata?: Metadata | null;
}


function checkedPeriod(period: InvoiceItemPeriod | null | undefined, now: number): InvoiceItemPeriod {
  if (!period) return { start: now, end: now };
  if (period.end < period.start) throw new PaygateError('invalid_request', 'The period end must be on or after its start.', { param: 'period[end]' });
  return period;
}

const notEditable = (id: string) =>
  new PaygateError('invalid_request', `Invoice item ${id} is on an invoice that is no longer a draft: only pending items and items on a draft can change or be deleted.`, { param: 'id' });

/** The draft an item goes onto (POST /v1/invoiceitems `invoice`), locked: the same customer's, in the item's currency. */
async function draftFor(tx: InvoiceTx, account: string, invoiceId: string, customerId: string, currency: string): Promise<InvoiceRow> {
  const invoice = await lockInvoice(tx, account, invoiceId);
  if (!invoice) throw fail.missing('invoice', invoiceId, 'invoice');
  if (invoice.status !== 'draft') throw new PaygateError('invalid_request', `You can only add invoice items to draft invoices; ${invoiceId} is ${invoice.status}.`, { param: 'invoice' });
  if (invoice.customerId !== customerId) throw new PaygateError('invalid_request', `Invoice ${invoiceId} belongs to another customer than ${customerId}.`, { param: 'invoice' });
  if (invoice.currency !== currency) throw new PaygateError('invalid_request', `The invoice item's currency (${currency}) must match the invoice's (${invoice.currency}).`, { param: 'currency' });
  assertNotFinalizing(invoice);
  return invoice;
}

async function itemOrThrow(db: Parameters<typeof items.findInvoiceItem>[0], account: string, id: string): Promise<items.InvoiceItemRow> {
  const row = await items.findInvoiceItem(db, account, id);
  if (!row) throw fail.missing('invoiceitem', id);
  return row;
}

/** POST /v1/invoiceitems: pending on the customer, or straight onto one of its drafts. */
export async function createInvoiceItem(deps: InvoiceDeps, caller: Caller, input: InvoiceItemCreateParams): Promise<items.InvoiceItemNode> {
  requireSecretCaller(caller);
  const money = invoiceItemAmount(input);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  const now = deps.clock();
  const period = checkedPeriod(input.period, now);
  const customer = await billedCustomer(deps, caller, input.customer);
  const currency = billingCurrency(customer, input.currency);
  const { account } = caller;
  const id = newId('invoiceItem');
  const row = await deps.prisma.$transaction(
    (tx) =>
      idempotently(tx, { account, key: caller.idempotencyKey, operation: 'invoiceitem.create', objectId: id }, (existing) => itemOrThrow(tx, account, existing), async () => {
        const draft = input.invoice ? await draftFor(tx, account, input.invoice, customer.id, currency) : null;
        const created = await items.insertInvoiceItem(tx, {
          id,
          account,
          created: now,
          customerId: customer.id,
          invoiceId: draft?.id ?? null,
          amount: money.amount,
          unitAmount: money.unitAmount,
          quantity: money.quantity,
          currency,
          description: input.description ?? null,
          discountable: input.discountable ?? true,
          periodStart: period.start,
          periodEnd: period.end,
          metadata,
        });
        await writeInvoiceItemEvent(tx, account, 'invoiceitem.created', items.toInvoiceItemNode(created), now);
        if (draft) await recomputeDraftTotals(tx, deps, draft, now);
        return created;
      }),
  );
  deps.afterCommit();
  return items.toInvoiceItemNode(row);
}

/**
 * Runs `change` with the item locked and, when it is on an invoice, that invoice locked first (the
 * order finalize takes too); refuses an item on an invoice that is no longer a draft.
 */
async function changeEditableItem<T>(
  deps: InvoiceDeps,
  caller: Caller,
  id: string,
  change: (tx: InvoiceTx, item: items.InvoiceItemRow, draft: InvoiceRow | null) => Promise<T>,
): Promise<T> {
  const { account } = caller;
  const seen = await itemOrThrow(deps.prisma, account, id);
  const result = await deps.prisma.$transaction(
    async (tx) => {
      const invoice = seen.invoiceId ? await lockInvoice(tx, account, seen.invoiceId) : null;
      const item = await items.lockInvoiceItem(tx, account, id);
      if (!item) throw fail.missing('invoiceitem', id);
      if (item.invoiceId !== seen.invoiceId) throw new PaygateError('invalid_request', `Invoice item ${id} moved onto an invoice meanwhile; try again.`, { param: 'id' });
      if (invoice && invoice.status !== 'draft') throw notEditable(id);
      if (invoice) assertNotFinalizing(invoice);
      return change(tx, item, invoice);
    },
  );
  deps.afterCommit();
  return result;
}

/** POST /v1/invoiceitems/:id: while pending or on a draft (whose totals follow). */
export async function updateInvoiceItem(deps: InvoiceDeps, caller: Caller, id: string, input: InvoiceItemUpdateParams): Promise<items.InvoiceItemNode> {
  requireSecretCaller(caller);
  const now = deps.clock();
  return changeEditableItem(deps, caller, id, async (tx, item, draft) => {
    const money = updatedInvoiceItemAmount({ amount: item.amount, unitAmount: item.unitAmount ?? item.amount, quantity: item.quantity }, input);
    const period = input.period ? checkedPeriod(input.period, now) : { start: item.periodStart, end: item.periodEnd };
    const updated = await items.updateLockedInvoiceItem(tx, id, {
      amount: money.amount,
      unitAmount: money.unitAmount,
      quantity: money.quantity,
      periodStart: period.start,
      periodEnd: period.end,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.discountable != null ? { discountable: input.discountable } : {}),
      ...(input.metadata !== undefined ? { metadata: mergeMetadata(item.metadata as Metadata, input.metadata) } : {}),
    });
    await writeInvoiceItemEvent(tx, caller.account, 'invoiceitem.updated', items.toInvoiceItemNode(updated), now);
    if (draft) await recomputeDraftTotals(tx, deps, draft, now);
    return items.toInvoiceItemNode(updated);
  });
}

/** DELETE /v1/invoiceitems/:id: Stripe's deleted object; only a pending item or one on a draft. */
export async function deleteInvoiceItem(deps: InvoiceDeps, caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
  requireSecretCaller(caller);
  const now = deps.clock();
  return changeEditableItem(deps, caller, id, async (tx, item, draft) => {
    await items.deleteInvoiceItemRow(tx, id);
    await writeInvoiceItemEvent(tx, caller.account, 'invoiceitem.deleted', items.toInvoiceItemNode(item), now);
    if (draft) await recomputeDraftTotals(tx, deps, draft, now);
    return { id, deleted: true as const };
  });
}

export async function retrieveInvoiceItem(deps: InvoiceDeps, caller: Caller, id: string): Promise<items.InvoiceItemNode> {
  requireSecretCaller(caller);
  return items.toInvoiceItemNode(await itemOrThrow(deps.prisma, caller.account, id));
}

/** For references (InvoiceItem.__resolveReference, a line's item): null when not this account's. */
export async function findInvoiceItemNode(deps: InvoiceDeps, account: string, id: string): Promise<items.InvoiceItemNode | null> {
  const row = await items.findInvoiceItem(deps.prisma, account, id);
  return row ? items.toInvoiceItemNode(row) : null;
}

export function listInvoiceItems(deps: InvoiceDeps, caller: Caller, filter: items.InvoiceItemListFilter | null | undefined, args: ListArgs): Promise<Page<items.InvoiceItemNode>> {
  requireSecretCaller(caller);
  return items.listInvoiceItems(deps.prisma, caller.account, filter, args);
}
