import { PaygateError } from '@paygate/chassis';
import type { InvoiceStatus } from './invoice-status';

/** Stripe's invoice actions: POST /v1/invoices/:id/{finalize,pay,void,mark_uncollectible}. */
export type InvoiceAction = 'finalize' | 'pay' | 'void' | 'mark_uncollectible';

/**
 * The transition table: draft → open → paid | void | uncollectible, and an uncollectible invoice
 * may still be paid or voided. Nothing leaves paid or void.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceAction, { from: readonly InvoiceStatus[]; to: InvoiceStatus }>> = {
  finalize: { from: ['draft'], to: 'open' },
  pay: { from: ['open', 'uncollectible'], to: 'paid' },
  void: { from: ['open', 'uncollectible'], to: 'void' },
  mark_uncollectible: { from: ['open'], to: 'uncollectible' },
};

const REFUSALS: Readonly<Record<InvoiceAction, (status: InvoiceStatus) => string>> = {
  finalize: (status) => `This invoice is already finalized (status ${status}); only a draft invoice can be finalized.`,
  pay: (status) => (status === 'paid' ? 'Invoice is already paid.' : `You can only pay an open or uncollectible invoice; this one is ${status}.`),
  void: (status) => `You can only void an open or uncollectible invoice; this one is ${status}.`,
  mark_uncollectible: (status) => `You can only mark an open invoice as uncollectible; this one is ${status}.`,
};

/** The status an action leads to from `current`, or Stripe's invalid_request error when it may not. */
export function invoiceStatusAfter(current: InvoiceStatus, action: InvoiceAction): InvoiceStatus {
  const transition = INVOICE_TRANSITIONS[action];
  if (!transition.from.includes(current)) throw new PaygateError('invalid_request', REFUSALS[action](current));
  return transition.to;
}
