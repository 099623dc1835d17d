import { claimIdempotentEffect, PaygateError, requireSecretCaller } from '@paygate/chassis';
import { amountRemaining } from '../domain/invoice-amounts';
import type { PaymentOutcome } from '../domain/invoice-payment';
import { invoiceStatusAfter } from '../domain/invoice-transitions';
import { parseInvoiceStatus } from '../domain/invoice-status';
import type { InvoiceTx } from '../db/client';
import type { InvoiceRow } from '../db/invoice-node';
import { madeWithKey, updateLockedInvoice } from '../db/invoices';
import { writeInvoiceEvents, type InvoiceEventType } from '../events/invoice-events';
import { billedCustomer } from './billed-customer';
import { invoiceNode, type Caller, type InvoiceDeps } from './deps';
import { chargeInvoice, type PaymentAttempt } from './invoice-charge';
import { finalizedForCollection, type Collector } from './invoice-finalize';
import { invoiceOrThrow, lockedInvoiceOrThrow } from './invoices';

const PAY = 'invoice.pay';

/** An attempt its request did not see through (a crash, no answer) is the recovery sweep's after this long (twice the graph timeout). */
export const ATTEMPT_RECOVERY_AFTER_SECONDS = 60;

export interface InvoicePayParams {
  paymentMethod?: string | null;
  paidOutOfBand?: boolean | null;
}

/** What one pay leaves: the invoice, and the outcome when a charge was attempted. */
export interface PayResult {
  row: InvoiceRow;
  outcome: PaymentOutcome | null;
}

/** Stripe's order: the payment_method given, the invoice's default, the customer's invoice_settings default, its default source. */
async function paymentMethodFor(deps: InvoiceDeps, caller: Pick<Caller, 'account' | 'requestId'>, row: InvoiceRow, given: string | null | undefined): Promise<string> {
  if (given) return given;
  if (row.defaultPaymentMethod) return row.defaultPaymentMethod;
  const customer = await billedCustomer(deps, caller, row.customerId);
  const method = customer.invoiceSettings.defaultPaymentMethod ?? customer.defaultSource;
  if (!method) {
    throw new PaygateError('invalid_request', 'This customer has no attached payment source or default payment method. Please consider adding a default payment method.', { param: 'payment_method' });
  }
  return method;
}

/** Marks the invoice paid (under its lock) with `changes`, and writes invoice.paid. */
async function markPaid(tx: InvoiceTx, deps: InvoiceDeps, row: InvoiceRow, changes: Parameters<typeof updateLockedInvoice>[2]): Promise<InvoiceRow> {
  const now = deps.clock();
  const paid = await updateLockedInvoice(tx, row.id, { ...changes, status: invoiceStatusAfter(parseInvoiceStatus(row.status), 'pay'), paidAt: now, sweepAt: null });
  await writeInvoiceEvents(tx, row.account, ['invoice.paid'], invoiceNode(deps, paid), now);
  return paid;
}

/**
 * Step 1 (committed before the charge service is asked): the attempt, numbered attempt_count + 1, with
 * its payment method; the sweep finishes it should this request not. An attempt already in flight (a
 * retry, a double submission) is taken over as it is, so both ask for the same PaymentIntent.
 */
async function beginAttempt(deps: InvoiceDeps, account: string, id: string, paymentMethod: string, returnUrl: string | null): Promise<{ row: InvoiceRow; attempt: PaymentAttempt | null }> {
  return deps.prisma.$transaction(async (tx) => {
    const row = await lockedInvoiceOrThrow(tx, account, id);
    invoiceStatusAfter(parseInvoiceStatus(row.status), 'pay');
    if (row.paymentAttempt !== null) return { row, attempt: { number: row.paymentAttempt, paymentMethod: row.paymentAttemptMethod!, returnUrl: row.paymentAttemptReturnUrl } };
    if (amountRemaining(row.amountDue, row.amountPaid) === 0) return { row: await markPaid(tx, deps, row, {}), attempt: null };
    const attempt = { number: row.attemptCount + 1, paymentMethod, returnUrl };
    const started = await updateLockedInvoice(tx, id, {
      paymentAttempt: attempt.number,
      paymentAttemptMethod: paymentMethod,
      paymentAttemptReturnUrl: returnUrl,
      sweepAt: deps.clock() + ATTEMPT_RECOVERY_AFTER_SECONDS,
    });
    return { row: started, attempt };
  });
}

/**
 * Step 3: the outcome, under the lock and only for the attempt still in flight (whoever records first
 * wins; the other finds it done). Paid, or the failure counted (attempt_count, attempted) with its
 * event; an unanswered attempt stays in flight for the sweep.
 */
export async function recordOutcome(deps: InvoiceDeps, account: string, id: string, attempt: PaymentAttempt, outcome: PaymentOutcome, key: string | null = null): Promise<InvoiceRow> {
  const row = await deps.prisma.$transaction(async (tx) => {
    const current = await lockedInvoiceOrThrow(tx, account, id);
    // The pay whose Idempotency-Key this is: a retry of it answers with the invoice its payment left.
    // (A key another operation holds is ignored here: the payment is recorded whatever the key.)
    if (key && outcome.kind === 'succeeded') await claimIdempotentEffect(tx, { account, key, operation: PAY, objectId: id }).catch(() => null);
    if (current.paymentAttempt !== attempt.number) return current;
    const now = deps.clock();
    const settled = { paymentAttempt: null, paymentAttemptMethod: null, paymentAttemptReturnUrl: null };
    const counted = { attemptCount: attempt.number, attempted: true };
    const failed = async (event: InvoiceEventType, changes: Parameters<typeof updateLockedInvoice>[2]) => {
      const updated = await updateLockedInvoice(tx, id, { ...counted, ...changes, sweepAt: null });
      await writeInvoiceEvents(tx, account, [event], invoiceNode(deps, updated), now);
      return updated;
    };
    switch (outcome.kind) {
      case 'succeeded':
        return markPaid(tx, deps, current, { ...settled, ...counted, amountPaid: current.amountPaid + outcome.amount, chargeId: outcome.charge, paymentIntentId: outcome.paymentIntent });
      case 'declined':
        return failed('invoice.payment_failed', { ...settled, chargeId: outcome.charge ?? current.chargeId, paymentIntentId: outcome.paymentIntent ?? current.paymentIntentId });
      case 'requires_action':
        // Kept in flight: the same attempt asked again (pay, the hosted page back from 3-D Secure) reads the intent's outcome.
        return failed('invoice.payment_action_required', { chargeId: outcome.charge ?? current.chargeId, paymentIntentId: outcome.paymentIntent });
      case 'refused':
        return updateLockedInvoice(tx, id, { ...settled, sweepAt: null });
      case 'unanswered':
        return updateLockedInvoice(tx, id, { sweepAt: now + ATTEMPT_RECOVERY_AFTER_SECONDS });
      default: {
        const unhandled: never = outcome;
        throw new Error(`Unhandled payment outcome ${String(unhandled)}`);
      }
    }
  });
  if (outcome.kind !== 'unanswered' && outcome.kind !== 'refused') deps.afterCommit();
  return row;
}

/** Asks again for the attempt in flight (its key finds the same PaymentIntent) and records its outcome: the sweep, the hosted page back from 3-D Secure. */
export async function finishAttempt(deps: InvoiceDeps, row: InvoiceRow, requestId: string): Promise<PayResult> {
  if (row.paymentAttempt === null) return { row, outcome: null };
  const attempt = { number: row.paymentAttempt, paymentMethod: row.paymentAttemptMethod!, returnUrl: row.paymentAttemptReturnUrl };
  const outcome = await chargeInvoice(deps, row, attempt, requestId);
  return { row: await recordOutcome(deps, row.account, row.id, attempt, outcome), outcome };
}

/** Paid outside Paygate: paid with nothing charged, paid_out_of_band. */
async function payOutOfBand(deps: InvoiceDeps, account: string, id: string): Promise<InvoiceRow> {
  const row = await deps.prisma.$transaction(async (tx) => {
    const invoice = await lockedInvoiceOrThrow(tx, account, id);
    invoiceStatusAfter(parseInvoiceStatus(invoice.status), 'pay');
    if (invoice.paymentAttempt !== null) throw new PaygateError('invalid_request', `A payment of invoice ${id} is in progress; wait for its outcome.`);
    return markPaid(tx, deps, invoice, { paidOutOfBand: true, amountPaid: invoice.amountDue });
  });
  deps.afterCommit();
  return row;
}

/**
 * The pay protocol (README, "Paying"): a draft is finalized first; then the attempt is recorded,
 * the charge service asked, and the outcome recorded. Returns the invoice and the attempt's outcome.
 */
export async function attemptPayment(deps: InvoiceDeps, caller: Collector, id: string, input: InvoicePayParams, returnUrl: string | null = null): Promise<PayResult> {
  const { account } = caller;
  const key = caller.idempotencyKey ?? null;
  const current = await invoiceOrThrow(deps.prisma, account, id);
  if (await madeWithKey(deps.prisma, account, key, PAY, id)) return { row: current, outcome: null };
  const seen = await finalizedForCollection(deps, caller, current);
  invoiceStatusAfter(parseInvoiceStatus(seen.status), 'pay');
  if (input.paidOutOfBand) return { row: await payOutOfBand(deps, account, id), outcome: null };
  const method = seen.paymentAttempt !== null ? seen.paymentAttemptMethod! : await paymentMethodFor(deps, caller, seen, input.paymentMethod);
  const begun = await beginAttempt(deps, account, id, method, returnUrl);
  if (!begun.attempt) return { row: begun.row, outcome: null };
  const outcome = await chargeInvoice(deps, begun.row, begun.attempt, caller.requestId);
  return { row: await recordOutcome(deps, account, id, begun.attempt, outcome, key), outcome };
}

/** An unknown payment method is named by the charge service's own param; pay's caller sent payment_method. */
function asPayError(error: PaygateError): PaygateError {
  if (error.code !== 'resource_missing' || error.details.param === 'payment_method') return error;
  return new PaygateError(error.code, error.message, { ...error.details, param: 'payment_method' });
}

/**
 * POST /v1/invoices/:id/pay: paid, or Stripe's 402 card error (the invoice stays open with the
 * failure counted), or a 400 when the card needs 3-D Secure; no answer from the charge service is a
 * 500 the SDK retries with the same Idempotency-Key, which asks for the same PaymentIntent.
 */
export async function payInvoice(deps: InvoiceDeps, caller: Caller, id: string, input: InvoicePayParams = {}) {
  requireSecretCaller(caller);
  const { row, outcome } = await attemptPayment(deps, caller, id, input);
  switch (outcome?.kind) {
    case undefined:
    case 'succeeded':
      return invoiceNode(deps, row);
    case 'declined':
      throw outcome.error;
    case 'refused':
      throw asPayError(outcome.error);
    case 'requires_action':
      throw new PaygateError(
        'invalid_request',
        'This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice.',
        { paymentIntent: outcome.paymentIntent },
      );
    case 'unanswered':
      throw new Error(`the charge service did not answer for invoice ${id}; the attempt is retried with the same key`, { cause: outcome.error });
    default: {
      const unhandled: never = outcome;
      throw new Error(`Unhandled payment outcome ${String(unhandled)}`);
    }
  }
}
