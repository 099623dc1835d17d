import {
  decodePageToken,
  encodePageToken,
  fail,
  idempotently,
  mergeMetadata,
  newId,
  PaygateError,
  parseLimit,
  requireSecretCaller,
  type ListArgs,
  type Metadata,
  type Page,
} from '@paygate/chassis';
import { assertEditable, dueTerms, type InvoiceUpdateField } from '../domain/invoice-params';
import { parseInvoiceStatus, type InvoiceCollectionMethod } from '../domain/invoice-status';
import type { InvoiceTx, PrismaClient } from '../db/client';
import { attachPendingItems, detachInvoiceItems, listLines, type InvoiceLineItemNode } from '../db/invoice-items';
import type { InvoiceNode, InvoiceRow } from '../db/invoice-node';
import * as store from '../db/invoices';
import { invoiceSearchWhere } from '../db/invoice-search';
import { writeInvoiceEvents } from '../events/invoice-events';
import { billedCustomer, billingCurrency } from './billed-customer';
import { invoiceNode, type Caller, type InvoiceDeps } from './deps';
import { releaseBeforeDelete } from './invoice-credit';
import { recomputeDraftTotals } from './invoice-totals';

export interface InvoiceCreateParams {
  customer: string;
  autoAdvance?: boolean | null;
  collectionMethod?: InvoiceCollectionMethod | null;
  daysUntilDue?: number | null;
  dueDate?: number | null;
  currency?: string | null;
  description?: string | null;
  footer?: string | null;
  statementDescriptor?: string | null;
  defaultPaymentMethod?: string | null;
  pendingInvoiceItemsBehavior?: 'include' | 'exclude' | null;
  metadata?: Metadata | null;
}

export type InvoiceUpdateParams = { [K in InvoiceUpdateField]?: InvoiceCreateParams[K] | null };


export async function invoiceOrThrow(db: PrismaClient | InvoiceTx, account: string, id: string): Promise<InvoiceRow> {
  const row = await store.findInvoice(db, account, id);
  if (!row) throw fail.missing('invoice', id);
  return row;
}

export async function lockedInvoiceOrThrow(tx: InvoiceTx, account: string, id: string): Promise<InvoiceRow> {
  const row = await store.lockInvoice(tx, account, id);
  if (!row) throw fail.missing('invoice', id);
  return row;
}

/** When auto_advance finalizes a draft created at `created`. */
function autoFinalizeAt(deps: InvoiceDeps, autoAdvance: boolean, created: number): number | null {
  return autoAdvance ? created + deps.env.INVOICE_AUTO_ADVANCE_DELAY_SECONDS : null;
}

/** POST /v1/invoices: a draft for the customer, with its pending items when asked (pending_invoice_items_behavior=include). */
export async function createInvoice(deps: InvoiceDeps, caller: Caller, input: InvoiceCreateParams): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const now = deps.clock();
  const terms = dueTerms({ collectionMethod: input.collectionMethod ?? 'charge_automatically', daysUntilDue: input.daysUntilDue ?? null, dueDate: input.dueDate ?? null }, now, now);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  const customer = await billedCustomer(deps, caller, input.customer);
  const currency = billingCurrency(customer, input.currency);
  const autoAdvance = input.autoAdvance ?? false;
  const { account } = caller;
  const id = newId('invoice');
  const row = await deps.prisma.$transaction(async (tx) =>
    idempotently(tx, { account, key: caller.idempotencyKey, operation: 'invoice.create', objectId: id }, (existing) => invoiceOrThrow(tx, account, existing), async () => {
      const automaticallyFinalizesAt = autoFinalizeAt(deps, autoAdvance, now);
      const created = await store.insertInvoice(tx, {
        id,
        account,
        created: now,
        customerId: customer.id,
        ...store.customerSnapshotColumns(customer),
        currency,
        collectionMethod: terms.collectionMethod,
        daysUntilDue: terms.daysUntilDue,
        dueDate: terms.dueDate,
        autoAdvance,
        automaticallyFinalizesAt,
        sweepAt: automaticallyFinalizesAt,
        description: input.description ?? null,
        footer: input.footer ?? null,
        statementDescriptor: input.statementDescriptor ?? null,
        defaultPaymentMethod: input.defaultPaymentMethod ?? null,
        periodStart: now,
        periodEnd: now,
        metadata,
      });
      await writeInvoiceEvents(tx, account, ['invoice.created'], invoiceNode(deps, created), now);
      if (input.pendingInvoiceItemsBehavior !== 'include') return created;
      await attachPendingItems(tx, account, customer.id, currency, id);
      return recomputeDraftTotals(tx, deps, created, now);
    }),
  );
  deps.afterCommit();
  return invoiceNode(deps, row);
}

const UPDATE_FIELDS: readonly InvoiceUpdateField[] = ['autoAdvance', 'collectionMethod', 'daysUntilDue', 'dueDate', 'description', 'footer', 'statementDescriptor', 'defaultPaymentMethod', 'metadata'];

/** The due terms an update asks for: a new days_until_due or due_date replaces the other; charge_automatically drops both. */
function nextDueTerms(invoice: InvoiceRow, input: InvoiceUpdateParams) {
  const collectionMethod = input.collectionMethod ?? (invoice.collectionMethod as InvoiceCollectionMethod);
  if (input.daysUntilDue != null) return { collectionMethod, daysUntilDue: input.daysUntilDue, dueDate: null };
  if (input.dueDate != null) return { collectionMethod, daysUntilDue: null, dueDate: input.dueDate };
  if (collectionMethod === 'charge_automatically') return { collectionMethod, daysUntilDue: null, dueDate: null };
  return { collectionMethod, daysUntilDue: invoice.daysUntilDue, dueDate: invoice.daysUntilDue === null ? invoice.dueDate : null };
}

/** POST /v1/invoices/:id: a draft takes every field; once finalized only what Stripe still lets change. */
export async function updateInvoice(deps: InvoiceDeps, caller: Caller, id: string, input: InvoiceUpdateParams): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  const now = deps.clock();
  const given = UPDATE_FIELDS.filter((field) => input[field] !== undefined);
  const row = await deps.prisma.$transaction(async (tx) => {
    const invoice = await lockedInvoiceOrThrow(tx, caller.account, id);
    assertEditable(parseInvoiceStatus(invoice.status), given);
    if (given.length === 0) return invoice;
    const dueChanged = input.collectionMethod != null || input.daysUntilDue != null || input.dueDate != null;
    const terms = dueChanged ? dueTerms(nextDueTerms(invoice, input), invoice.created, now) : null;
    const autoAdvance = input.autoAdvance ?? invoice.autoAdvance;
    const automaticallyFinalizesAt = invoice.status === 'draft' ? autoFinalizeAt(deps, autoAdvance, invoice.created) : invoice.automaticallyFinalizesAt;
    const updated = await store.updateLockedInvoice(tx, id, {
      ...(terms ? { collectionMethod: terms.collectionMethod, daysUntilDue: terms.daysUntilDue, dueDate: terms.dueDate } : {}),
      ...(input.autoAdvance != null ? { autoAdvance, automaticallyFinalizesAt, ...(invoice.status === 'draft' ? { sweepAt: automaticallyFinalizesAt } : {}) } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.footer !== undefined ? { footer: input.footer } : {}),
      ...(input.statementDescriptor !== undefined ? { statementDescriptor: input.statementDescriptor } : {}),
      ...(input.defaultPaymentMethod !== undefined ? { defaultPaymentMethod: input.defaultPaymentMethod } : {}),
      ...(input.metadata !== undefined ? { metadata: mergeMetadata(invoice.metadata as Metadata, input.metadata) } : {}),
    });
    await writeInvoiceEvents(tx, caller.account, ['invoice.updated'], invoiceNode(deps, updated), now);
    return updated;
  });
  deps.afterCommit();
  return invoiceNode(deps, row);
}

/** DELETE /v1/invoices/:id: drafts only (a finalized invoice is voided instead); its items become pending again. */
export async function deleteInvoice(deps: InvoiceDeps, caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
  requireSecretCaller(caller);
  const now = deps.clock();
  await deps.prisma.$transaction(
    async (tx) => {
      const invoice = await lockedInvoiceOrThrow(tx, caller.account, id);
      if (invoice.status !== 'draft') {
        throw new PaygateError('invalid_request', `You can only delete draft invoices; ${id} is ${invoice.status}. Void a finalized invoice instead.`);
      }
      const released = await releaseBeforeDelete(tx, deps, invoice, caller.requestId);
      await detachInvoiceItems(tx, id);
      await store.deleteDraftInvoice(tx, id);
      await writeInvoiceEvents(tx, caller.account, ['invoice.deleted'], invoiceNode(deps, released), now);
    },
    { timeout: 40_000 },
  );
  deps.afterCommit();
  return { id, deleted: true };
}

export async function retrieveInvoice(deps: InvoiceDeps, caller: Caller, id: string): Promise<InvoiceNode> {
  requireSecretCaller(caller);
  return invoiceNode(deps, await invoiceOrThrow(deps.prisma, caller.account, id));
}

/** For references (Invoice.__resolveReference, an item's invoice): null when not this account's. */
export async function findInvoiceNode(deps: InvoiceDeps, account: string, id: string): Promise<InvoiceNode | null> {
  const row = await store.findInvoice(deps.prisma, account, id);
  return row ? invoiceNode(deps, row) : null;
}

export function listInvoices(deps: InvoiceDeps, caller: Caller, filter: store.InvoiceListFilter | null | undefined, args: ListArgs): Promise<Page<InvoiceNode>> {
  requireSecretCaller(caller);
  return store.listInvoices(deps.prisma, caller.account, filter, args, (row) => invoiceNode(deps, row));
}

/** Customer.invoices (the customer itself was resolved by the customer service). */
export function listCustomerInvoices(deps: InvoiceDeps, account: string, customerId: string, args: ListArgs): Promise<Page<InvoiceNode>> {
  return store.listInvoices(deps.prisma, account, { customer: customerId }, args, (row) => invoiceNode(deps, row));
}

/** GET /v1/invoices/search: newest first; `page` continues below the last result. Immediate, where Stripe's is eventually consistent. */
export async function searchInvoices(deps: InvoiceDeps, caller: Caller, query: string, args: { limit?: number | null; page?: string | null }) {
  requireSecretCaller(caller);
  const where = { account: caller.account, ...invoiceSearchWhere(query) };
  const take = parseLimit(args.limit);
  const rows = await store.searchInvoiceRows(deps.prisma, where, args.page ? decodePageToken(args.page) : null, take + 1);
  const data = rows.slice(0, take);
  const hasMore = rows.length > take;
  return { data: data.map((row) => invoiceNode(deps, row)), hasMore, nextPage: hasMore ? encodePageToken(data[data.length - 1]!.seq) : null };
}

/** Invoice.lines, for an invoice already resolved. */
export function linesOf(deps: InvoiceDeps, account: string, invoiceId: string, args: ListArgs): Promise<Page<InvoiceLineItemNode> & { totalCount: number }> {
  return listLines(deps.prisma, account, invoiceId, args);
}

/** GET /v1/invoices/:id/lines: 404 for an invoice that is not the caller's. */
export async function listInvoiceLines(deps: InvoiceDeps, caller: Caller, invoiceId: string, args: ListArgs) {
  requireSecretCaller(caller);
  await invoiceOrThrow(deps.prisma, caller.account, invoiceId);
  return linesOf(deps, caller.account, invoiceId, args);
}
