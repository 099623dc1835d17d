import { PaygateError } from '@paygate/chassis';
import type { InvoiceCollectionMethod, InvoiceStatus } from './invoice-status';

const DAY_SECONDS = 86_400;
/** Stripe's bound on days_until_due (about five years). */
const MAX_DAYS_UNTIL_DUE = 1_825;

export interface InvoiceDueTerms {
  collectionMethod: InvoiceCollectionMethod;
  daysUntilDue: number | null;
  dueDate: number | null;
}

/**
 * Stripe's due-date rules: send_invoice needs a due_date or days_until_due (not both), which
 * charge_automatically may not have; days_until_due counts from the invoice's creation. Returns the
 * terms to store, with due_date worked out.
 */
export function dueTerms(terms: InvoiceDueTerms, created: number, now: number): InvoiceDueTerms {
  const { collectionMethod, daysUntilDue, dueDate } = terms;
  if (daysUntilDue != null && dueDate != null) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: days_until_due, due_date.', { param: 'due_date' });
  }
  if (collectionMethod === 'charge_automatically') {
    if (daysUntilDue != null) throw new PaygateError('invalid_request', 'Invoices with `collection_method=charge_automatically` cannot have `days_until_due`.', { param: 'days_until_due' });
    if (dueDate != null) throw new PaygateError('invalid_request', 'Invoices with `collection_method=charge_automatically` cannot have a `due_date`.', { param: 'due_date' });
    return { collectionMethod, daysUntilDue: null, dueDate: null };
  }
  if (daysUntilDue == null && dueDate == null) {
    throw new PaygateError('parameter_missing', 'Invoices with `collection_method=send_invoice` need a `due_date` or `days_until_due`.', { param: 'days_until_due' });
  }
  if (daysUntilDue != null) {
    if (!Number.isSafeInteger(daysUntilDue) || daysUntilDue < 0 || daysUntilDue > MAX_DAYS_UNTIL_DUE) {
      throw new PaygateError('parameter_invalid_integer', `Invalid integer: days_until_due must be between 0 and ${MAX_DAYS_UNTIL_DUE}.`, { param: 'days_until_due' });
    }
    return { collectionMethod, daysUntilDue, dueDate: created + daysUntilDue * DAY_SECONDS };
  }
  if (dueDate! <= now) throw new PaygateError('invalid_request', 'The `due_date` must be in the future.', { param: 'due_date' });
  return { collectionMethod, daysUntilDue: null, dueDate };
}

/** What an update may touch (GraphQL InvoiceUpdateInput keys). */
export type InvoiceUpdateField =
  | 'autoAdvance' | 'collectionMethod' | 'daysUntilDue' | 'dueDate' | 'description' | 'footer' | 'statementDescriptor' | 'defaultPaymentMethod' | 'metadata';

const WIRE_NAME: Record<InvoiceUpdateField, string> = {
  autoAdvance: 'auto_advance', collectionMethod: 'collection_method', daysUntilDue: 'days_until_due', dueDate: 'due_date', description: 'description',
  footer: 'footer', statementDescriptor: 'statement_descriptor', defaultPaymentMethod: 'default_payment_method', metadata: 'metadata',
};

/** Once finalized the money and the collection method are fixed (Stripe's update rules); paid and void take metadata only. */
function editableFields(status: InvoiceStatus): readonly InvoiceUpdateField[] | 'all' {
  switch (status) {
    case 'draft':
      return 'all';
    case 'open':
    case 'uncollectible':
      return ['autoAdvance', 'daysUntilDue', 'dueDate', 'description', 'footer', 'statementDescriptor', 'defaultPaymentMethod', 'metadata'];
    case 'paid':
    case 'void':
      return ['metadata'];
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled invoice status ${String(unhandled)}`);
    }
  }
}

/** Refuses an update of a field this status no longer lets change, naming it. */
export function assertEditable(status: InvoiceStatus, fields: readonly InvoiceUpdateField[]): void {
  const editable = editableFields(status);
  if (editable === 'all') return;
  const refused = fields.find((field) => !editable.includes(field));
  if (refused) {
    throw new PaygateError('invalid_request', `You can't change \`${WIRE_NAME[refused]}\` of an invoice that is ${status}: only a draft invoice is fully editable.`, { param: WIRE_NAME[refused] });
  }
}
