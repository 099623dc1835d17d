import { PaygateError } from '@paygate/chassis';
import type { InvoiceTx } from '../db/client';
import type { InvoiceRow } from '../db/invoice-node';
import { updateLockedInvoice } from '../db/invoices';
import type { CustomerBalanceApplication } from '../domain/invoice-payment';
import { serviceCaller } from './billed-customer';
import type { InvoiceDeps } from './deps';

/**
 * The customer's credit belongs to the customer service: at finalization it applies the customer's
 * balance to the invoice's total, and it gives it back when the invoice is voided (or a draft it was
 * applied to changes or goes). Both mutations are service-only and idempotent by invoice id, so asking
 * again after a crash or a timeout returns the first answer and moves no money twice.
 *
 * The protocol (README, "Customer credit"): the total asked about is recorded on the row and committed
 * before asking (balance_applied_total), so a finalization that died between the answer and its commit
 * leaves a trace. The customer service answers the same invoice only with the same total (and never
 * again once released), so a draft with that trace cannot change: the sweep finishes its finalization
 * (asking again gets the first answer), and deleting it releases the application first.
 */
const APPLY = `mutation($input: ApplyCustomerBalanceInput!) {
  applyCustomerBalanceToInvoice(input: $input) { startingBalance endingBalance amountDue carriedToBalance } }`;
const RELEASE = `mutation($input: ReleaseCustomerBalanceInput!) {
  releaseCustomerBalanceFromInvoice(input: $input) { startingBalance endingBalance amountDue carriedToBalance } }`;

export async function applyCustomerBalance(deps: InvoiceDeps, row: InvoiceRow, total: number, requestId: string): Promise<CustomerBalanceApplication> {
  // The customer service takes totals ≥ 0: a credit invoice (negative total) has nothing to apply credit to.
  const input = { customer: row.customerId, invoice: row.id, currency: row.currency, total: Math.max(0, total) };
  const data = await deps.graph.execute<{ applyCustomerBalanceToInvoice: CustomerBalanceApplication }>(APPLY, { input }, serviceCaller({ account: row.account, requestId }));
  return data.applyCustomerBalanceToInvoice;
}

export async function releaseCustomerBalance(deps: InvoiceDeps, row: Pick<InvoiceRow, 'account' | 'customerId' | 'id'>, requestId: string): Promise<void> {
  const input = { customer: row.customerId, invoice: row.id };
  await deps.graph.execute(RELEASE, { input }, serviceCaller({ account: row.account, requestId }));
}

/** A draft whose finalization began (its balance application may be booked) keeps its total until the finalization is finished. */
export function assertNotFinalizing(row: InvoiceRow): void {
  if (row.status === 'draft' && row.balanceAppliedTotal !== null) {
    throw new PaygateError('invalid_request', `Invoice ${row.id} is being finalized (an earlier finalization did not finish; it is completed shortly): it can no longer change.`, { param: 'invoice' });
  }
}

/** Under the draft's row lock, before it is deleted: an application a failed finalization may have booked is given back first. */
export async function releaseBeforeDelete(tx: InvoiceTx, deps: InvoiceDeps, row: InvoiceRow, requestId: string): Promise<InvoiceRow> {
  if (row.status !== 'draft' || row.balanceAppliedTotal === null) return row;
  await releaseCustomerBalance(deps, row, requestId);
  return updateLockedInvoice(tx, row.id, { balanceAppliedTotal: null, sweepAt: null });
}
