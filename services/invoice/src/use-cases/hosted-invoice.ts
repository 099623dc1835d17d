import { timingSafeEqual } from 'node:crypto';
import { fail, type GraphCaller } from '@paygate/chassis';
import type { PaymentOutcome } from '../domain/invoice-payment';
import type { InvoiceNode, InvoiceRow } from '../db/invoice-node';
import { findInvoice } from '../db/invoices';
import { invoiceNode, type Caller, type InvoiceDeps } from './deps';
import { attemptPayment, finishAttempt } from './invoice-pay';

/**
 * The hosted invoice page's operations. It carries no merchant key: the edge signs the page's
 * requests for the account named in the URL (as a publishable key), and the invoice's own secret is
 * what authorises them; a wrong secret is the same 404 as an unknown invoice.
 */
export interface HostedInvoicePayment {
  invoice: InvoiceNode;
  redirectUrl: string | null;
  declineMessage: string | null;
}

function sameSecret(expected: string | null, given: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function invoiceWithSecret(deps: InvoiceDeps, caller: Pick<Caller, 'account'>, id: string, secret: string): Promise<InvoiceRow> {
  const row = await findInvoice(deps.prisma, caller.account, id);
  if (!row || !sameSecret(row.hostedSecret, secret)) throw fail.missing('invoice', id);
  return row;
}

/** The page acts for the account as a service would (it may pay), once the secret matched. */
const pageCaller = (caller: Pick<Caller, 'account' | 'requestId'>): GraphCaller => ({ account: caller.account, keyType: 'service', requestId: caller.requestId });

function shown(deps: InvoiceDeps, row: InvoiceRow, outcome: PaymentOutcome | null): HostedInvoicePayment {
  const invoice = invoiceNode(deps, row);
  switch (outcome?.kind) {
    case undefined:
    case 'succeeded':
      return { invoice, redirectUrl: null, declineMessage: null };
    case 'declined':
      return { invoice, redirectUrl: null, declineMessage: outcome.error.message };
    case 'requires_action':
      return { invoice, redirectUrl: outcome.redirectUrl, declineMessage: null };
    case 'refused':
      throw outcome.error;
    case 'unanswered':
      throw new Error(`the charge service did not answer for invoice ${row.id}`, { cause: outcome.error });
    default: {
      const unhandled: never = outcome;
      throw new Error(`Unhandled payment outcome ${String(unhandled)}`);
    }
  }
}

export async function hostedInvoice(deps: InvoiceDeps, caller: Caller, id: string, secret: string): Promise<InvoiceNode> {
  return invoiceNode(deps, await invoiceWithSecret(deps, caller, id, secret));
}

/**
 * The payer's card (already in the vault) pays what is left, through the same pay protocol as the
 * API. An invoice no longer payable (paid by a first submission, voided) is shown as it is, so a
 * double submission charges once.
 */
export async function payFromHostedPage(deps: InvoiceDeps, caller: Caller, id: string, secret: string, paymentMethod: string, returnUrl: string): Promise<HostedInvoicePayment> {
  const row = await invoiceWithSecret(deps, caller, id, secret);
  if (row.status !== 'open' && row.status !== 'uncollectible') return shown(deps, row, null);
  const { row: after, outcome } = await attemptPayment(deps, pageCaller(caller), id, { paymentMethod }, returnUrl);
  return shown(deps, after, outcome);
}

/** Back from 3-D Secure: the attempt in flight is asked for again (same key), and its outcome recorded. */
export async function refreshHostedPayment(deps: InvoiceDeps, caller: Caller, id: string, secret: string): Promise<HostedInvoicePayment> {
  const { row, outcome } = await finishAttempt(deps, await invoiceWithSecret(deps, caller, id, secret), caller.requestId);
  return shown(deps, row, outcome);
}
