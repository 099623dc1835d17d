/**
 * Invoice states. We store Stripe's own strings, so the wire value is the stored value; the switch
 * below is exhaustive and stops compiling when a status is added without a decision.
 */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const;
export type InvoiceCollectionMethod = (typeof INVOICE_COLLECTION_METHODS)[number];

function oneOf<T extends string>(values: readonly T[], what: string, text: string): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new Error(`Unknown invoice ${what} '${text}'`);
}

/** A stored value as a typed one (a value we never write is a bug, not a client error). */
export const parseInvoiceStatus = (text: string) => oneOf(INVOICE_STATUSES, 'status', text);
export const parseInvoiceCollectionMethod = (text: string) => oneOf(INVOICE_COLLECTION_METHODS, 'collection_method', text);

/** Stripe's `paid` flag. */
export function isPaid(status: InvoiceStatus): boolean {
  return status === 'paid';
}
