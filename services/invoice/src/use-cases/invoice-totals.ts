import type { InvoiceTx } from '../db/client';
import { invoiceItemsSum } from '../db/invoice-items';
import type { InvoiceRow } from '../db/invoice-node';
import { updateLockedInvoice } from '../db/invoices';
import { writeInvoiceEvents } from '../events/invoice-events';
import { invoiceNode, type InvoiceDeps } from './deps';

/**
 * A draft's totals follow its lines: after an item joins, changes or leaves it (under the draft's
 * lock), subtotal, total and amount_due are summed again (no tax or discounts, so total = subtotal;
 * the customer's balance is applied at finalization), and invoice.updated says so when they moved.
 */
export async function recomputeDraftTotals(tx: InvoiceTx, deps: InvoiceDeps, row: InvoiceRow, now: number): Promise<InvoiceRow> {
  const subtotal = await invoiceItemsSum(tx, row.id);
  if (subtotal === row.subtotal && row.amountDue === subtotal) return row;
  const updated = await updateLockedInvoice(tx, row.id, { subtotal, total: subtotal, amountDue: subtotal });
  await writeInvoiceEvents(tx, row.account, ['invoice.updated'], invoiceNode(deps, updated), now);
  return updated;
}
