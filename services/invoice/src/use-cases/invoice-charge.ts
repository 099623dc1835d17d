import { amountRemaining } from '../domain/invoice-amounts';
import { outcomeOfError, outcomeOfIntent, type ChargedIntent, type PaymentOutcome } from '../domain/invoice-payment';
import type { InvoiceRow } from '../db/invoice-node';
import { serviceCaller } from './billed-customer';
import type { InvoiceDeps } from './deps';

const CREATE_AND_CONFIRM = `mutation($input: PaymentIntentCreateInput!) { createPaymentIntent(input: $input) {
  id status amountReceived latestCharge { id } nextAction { redirectToUrl { url } } lastPaymentError { code declineCode message } } }`;

/** One payment attempt of an invoice: its number names the PaymentIntent's idempotency key. */
export interface PaymentAttempt {
  number: number;
  paymentMethod: string;
  returnUrl: string | null;
}

/**
 * The Idempotency-Key of attempt `n` of an invoice at the charge service: the same attempt asked again
 * (a retry, the recovery sweep, the hosted page back from 3-D Secure) finds the intent the first ask
 * made, in its current state, and charges nothing twice.
 */
export const attemptKey = (invoiceId: string, attempt: number) => `${invoiceId}-attempt-${attempt}`;

/**
 * Asks the charge service, through the graph and signed as a service, to create and confirm a
 * PaymentIntent for what the invoice still owes, off session, with the attempt's payment method.
 */
export async function chargeInvoice(deps: InvoiceDeps, row: InvoiceRow, attempt: PaymentAttempt, requestId: string): Promise<PaymentOutcome> {
  const input = {
    amount: amountRemaining(row.amountDue, row.amountPaid),
    currency: row.currency,
    customer: row.customerId,
    paymentMethod: attempt.paymentMethod,
    confirm: true,
    description: `Payment for Invoice ${row.number ?? row.id}`,
    ...(row.statementDescriptor ? { statementDescriptor: row.statementDescriptor } : {}),
    ...(attempt.returnUrl ? { returnUrl: attempt.returnUrl } : {}),
  };
  try {
    const data = await deps.graph.execute<{ createPaymentIntent: ChargedIntent }>(CREATE_AND_CONFIRM, { input }, serviceCaller({ account: row.account, requestId }, attemptKey(row.id, attempt.number)));
    return outcomeOfIntent(data.createPaymentIntent);
  } catch (err) {
    return outcomeOfError(err);
  }
}
