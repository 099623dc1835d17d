/**
 * Invoice numbers, Stripe's `<customer invoice_prefix>-<sequence>`: at least four digits, one
 * sequence per prefix (and account), so a customer's invoices count 0001, 0002, …
 */
export function formatInvoiceNumber(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(4, '0')}`;
}

/**
 * A line item's id: `il_` + its invoice item's suffix. Derived rather than stored, so a line and its
 * item are one row; pagination cursors may name either.
 */
export function lineItemId(invoiceItemId: string): string {
  return `il_${invoiceItemId.slice(invoiceItemId.indexOf('_') + 1)}`;
}

/** The invoice item behind a line id (an ii_ id passes through unchanged). */
export function invoiceItemIdOfLine(lineId: string): string {
  return lineId.startsWith('il_') ? `ii_${lineId.slice(3)}` : lineId;
}
