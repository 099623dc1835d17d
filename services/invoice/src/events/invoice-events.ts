import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { InvoiceItemNode } from '../db/invoice-items';
import type { InvoiceNode } from '../db/invoice-node';

/**
 * What this service publishes on paygate.invoice.v1, one payload type per event family: data.object
 * is the invoice (or invoice item) as the graph returns it, plus Stripe's `object`. Always written in
 * the transaction of the change it reports.
 */
export interface InvoiceEventObject extends InvoiceNode {
  object: 'invoice';
}

export interface InvoiceItemEventObject extends InvoiceItemNode {
  object: 'invoiceitem';
}

/** invoice.deleted and invoiceitem.deleted carry the object as it was when deleted. */
export type InvoiceEventType =
  | 'invoice.created'
  | 'invoice.updated'
  | 'invoice.deleted'
  | 'invoice.finalized'
  | 'invoice.paid'
  | 'invoice.payment_failed'
  | 'invoice.payment_action_required'
  | 'invoice.voided'
  | 'invoice.marked_uncollectible'
  | 'invoice.sent';

export type InvoiceItemEventType = 'invoiceitem.created' | 'invoiceitem.updated' | 'invoiceitem.deleted';

/** Several names for one change share one payload (invoice.finalized + invoice.paid for a credit-covered invoice). */
export async function writeInvoiceEvents(tx: RawSql, account: string, types: readonly InvoiceEventType[], node: InvoiceNode, created: number): Promise<void> {
  const object: InvoiceEventObject = { object: 'invoice', ...node };
  for (const type of types) await writeOutboxEvent(tx, buildEvent(type, account, { ...object }, created));
}

export async function writeInvoiceItemEvent(tx: RawSql, account: string, type: InvoiceItemEventType, node: InvoiceItemNode, created: number): Promise<void> {
  const object: InvoiceItemEventObject = { object: 'invoiceitem', ...node };
  await writeOutboxEvent(tx, buildEvent(type, account, { ...object }, created));
}
