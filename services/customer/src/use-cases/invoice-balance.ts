import { hasIdShape, PaygateError, parseCurrency, requireServiceCaller } from '@paygate/chassis';
import type { CustomerTx } from '../db/client';
import {
  findInvoiceApplication,
  findInvoiceEntry,
  insertInvoiceApplication,
  markInvoiceApplicationReleased,
  type ApplicationRow,
} from '../db/balance-transactions';
import { BALANCE_TX_OPTIONS, lockLiveCustomer } from '../db/customers';
import type { Customer as CustomerRow } from '../db/generated/client';
import { applyBalanceToInvoice, DEFAULT_BALANCE_CURRENCY, invoiceBalance, unappliedEntry } from '../domain/customer-balance';
import { moveBalance, type BalanceDeps, type Caller } from './move-balance';

/** GraphQL `ApplyCustomerBalanceInput` (the invoice service, at finalization). */
export interface ApplyCustomerBalanceInput {
  customer: string;
  invoice: string;
  currency: string;
  /** The invoice total, minor units, ≥ 0. */
  total: number;
}

/** GraphQL `ReleaseCustomerBalanceInput` (the invoice service, when it voids). */
export interface ReleaseCustomerBalanceInput {
  customer: string;
  invoice: string;
}

/** GraphQL `CustomerBalanceApplication`. */
export interface CustomerBalanceApplication {
  startingBalance: number;
  endingBalance: number;
  amountDue: number;
  carriedToBalance: boolean;
}

function assertInvoiceId(invoice: string): void {
  if (!hasIdShape('invoice', invoice)) throw new PaygateError('invalid_request', `Not an invoice id: '${invoice.slice(0, 60)}'.`, { param: 'invoice' });
}

function conflict(invoice: string, what: string): PaygateError {
  return new PaygateError('invalid_request', `The customer balance of invoice ${invoice} was already ${what}.`, { param: 'invoice' });
}

/** The stored application of this invoice, which must be this account's and customer's. */
async function applicationOf(tx: CustomerTx, customer: CustomerRow, invoice: string): Promise<ApplicationRow | null> {
  const row = await findInvoiceApplication(tx, invoice);
  if (row && (row.account !== customer.account || row.customerId !== customer.id)) throw conflict(invoice, 'settled for another customer');
  return row;
}

function appliedOutcome(row: ApplicationRow): CustomerBalanceApplication {
  return { startingBalance: row.startingBalance!, endingBalance: row.endingBalance!, amountDue: row.amountDue!, carriedToBalance: row.carriedToBalance! };
}

function releasedOutcome(row: ApplicationRow): CustomerBalanceApplication {
  return { startingBalance: row.releaseStartingBalance!, endingBalance: row.releaseEndingBalance!, amountDue: 0, carriedToBalance: false };
}

/**
 * Service-only (the invoice service, at finalization): applies the customer's balance to the invoice
 * — credit reduces the amount due, a debit is added, a positive remainder below the currency's
 * minimum charge goes to the balance (src/domain/customer-balance.ts). One transaction under the
 * customer's row lock: the outcome row (the replay answer, keyed by invoice), the applied_to_invoice /
 * invoice_too_small entries (unique per invoice and type), the balance, the events. A replay returns
 * the first outcome and writes nothing; the same invoice with another total or currency is refused.
 */
export async function applyCustomerBalanceToInvoice(deps: BalanceDeps, caller: Caller, input: ApplyCustomerBalanceInput): Promise<CustomerBalanceApplication> {
  requireServiceCaller(caller);
  assertInvoiceId(input.invoice);
  const currency = parseCurrency(input.currency);
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const customer = await lockLiveCustomer(tx, caller.account, input.customer, 'customer');
    const stored = await applicationOf(tx, customer, input.invoice);
    if (stored) {
      if (!stored.applied) throw conflict(input.invoice, 'released: the invoice was voided');
      if (stored.currency !== currency || stored.total !== input.total) throw conflict(input.invoice, `applied to a total of ${stored.total} ${stored.currency}`);
      return appliedOutcome(stored);
    }
    const decided = applyBalanceToInvoice(invoiceBalance(customer, currency), input.total, currency);
    const { entries, ...result } = decided;
    await insertInvoiceApplication(tx, { invoiceId: input.invoice, account: caller.account, customerId: customer.id, currency, applied: true, total: input.total, ...result });
    await moveBalance(tx, customer, currency, entries.map((e) => ({ ...e, invoiceId: input.invoice })), deps.clock());
    return result;
  }, BALANCE_TX_OPTIONS);
  deps.afterCommit();
  return outcome;
}

/**
 * Service-only (the invoice service, when it voids an open invoice): gives back what
 * applyCustomerBalanceToInvoice took — an unapplied_from_invoice entry reversing its
 * applied_to_invoice. Idempotent by invoice. Nothing applied: a no-op that still records the release,
 * so an apply arriving late (a retry of a finalization that timed out) is refused rather than taking
 * credit for a voided invoice. An invoice its balance paid (carried) cannot be voided: refused.
 */
export async function releaseCustomerBalanceFromInvoice(deps: BalanceDeps, caller: Caller, input: ReleaseCustomerBalanceInput): Promise<CustomerBalanceApplication> {
  requireServiceCaller(caller);
  assertInvoiceId(input.invoice);
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const customer = await lockLiveCustomer(tx, caller.account, input.customer, 'customer');
    const stored = await applicationOf(tx, customer, input.invoice);
    const unchanged = { startingBalance: customer.balance, endingBalance: customer.balance };
    if (!stored) {
      const currency = customer.currency ?? DEFAULT_BALANCE_CURRENCY;
      const tombstone = { invoiceId: input.invoice, account: caller.account, customerId: customer.id, currency, applied: false, releasedAt: new Date() };
      return releasedOutcome(await insertInvoiceApplication(tx, { ...tombstone, releaseStartingBalance: customer.balance, releaseEndingBalance: customer.balance }));
    }
    if (stored.releasedAt) return releasedOutcome(stored);
    if (stored.carriedToBalance) throw conflict(input.invoice, 'used to pay the invoice (its amount due was below the minimum charge)');
    const applied = await findInvoiceEntry(tx, input.invoice, 'applied_to_invoice');
    if (!applied) return releasedOutcome(await markInvoiceApplicationReleased(tx, input.invoice, unchanged));
    invoiceBalance(customer, stored.currency); // the credit goes back in its own currency: refused if the customer's balance is now in another
    const moved = await moveBalance(tx, customer, stored.currency, [{ ...unappliedEntry(applied.amount), invoiceId: input.invoice }], deps.clock());
    return releasedOutcome(await markInvoiceApplicationReleased(tx, input.invoice, { startingBalance: customer.balance, endingBalance: moved.customer.balance }));
  }, BALANCE_TX_OPTIONS);
  deps.afterCommit();
  return outcome;
}
