import { PaygateError } from '@paygate/chassis';
import { capturesAtOnce, wirePaymentIntentStatus, type CaptureMethod, type PaymentIntentStatus } from './payment-intent-status';

/**
 * The PaymentIntent state machine (https://docs.stripe.com/payments/paymentintents/lifecycle):
 * which operation each status allows, and Stripe's payment_intent_unexpected_state wording when not.
 */
type Operation = 'confirm' | 'capture' | 'cancel' | 'update' | 'authenticate';

const ALLOWED: Record<Operation, readonly PaymentIntentStatus[]> = {
  confirm: ['awaiting_payment_method', 'awaiting_confirmation', 'awaiting_action'],
  capture: ['awaiting_capture'],
  cancel: ['awaiting_payment_method', 'awaiting_capture', 'awaiting_confirmation', 'awaiting_action', 'processing'],
  update: ['awaiting_payment_method', 'awaiting_confirmation', 'awaiting_action'],
  authenticate: ['awaiting_action'],
};

interface IntentState {
  id: string;
  status: PaymentIntentStatus;
}

function allowedList(operation: Operation): string {
  return ALLOWED[operation].map(wirePaymentIntentStatus).join(', ');
}

function unexpected(intent: IntentState, message: string, param?: string): PaygateError {
  return new PaygateError('payment_intent_unexpected_state', message, param ? { paymentIntent: intent.id, param } : { paymentIntent: intent.id });
}

function allows(operation: Operation, status: PaymentIntentStatus): boolean {
  return ALLOWED[operation].includes(status);
}

export function assertConfirmable(intent: IntentState): void {
  if (allows('confirm', intent.status)) return;
  if (intent.status === 'succeeded') {
    throw unexpected(intent, 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.');
  }
  throw unexpected(
    intent,
    `You cannot confirm this PaymentIntent because it has a status of ${wirePaymentIntentStatus(intent.status)}. Only a PaymentIntent with one of the following statuses may be confirmed: ${allowedList('confirm')}.`,
  );
}

export function assertCapturable(intent: IntentState): void {
  if (allows('capture', intent.status)) return;
  if (intent.status === 'succeeded') throw unexpected(intent, 'This PaymentIntent could not be captured because it has already been captured.');
  throw unexpected(
    intent,
    `This PaymentIntent could not be captured because it has a status of ${wirePaymentIntentStatus(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: ${allowedList('capture')}.`,
  );
}

export function assertCancelable(intent: IntentState): void {
  if (allows('cancel', intent.status)) return;
  throw unexpected(
    intent,
    `You cannot cancel this PaymentIntent because it has a status of ${wirePaymentIntentStatus(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: ${allowedList('cancel')}.`,
  );
}

/** Only the hosted 3-D Secure page answers a challenge, and only while one is pending (a second submit finds it answered). */
export function assertAwaitingAuthentication(intent: IntentState): void {
  if (allows('authenticate', intent.status)) return;
  throw unexpected(
    intent,
    `This PaymentIntent does not need authentication: it has a status of ${wirePaymentIntentStatus(intent.status)}. Only a PaymentIntent with one of the following statuses may be authenticated: ${allowedList('authenticate')}.`,
  );
}

/**
 * Fields that shape the payment can change only before it is made; description, metadata and the
 * like may change at any time (as on Stripe). `fields` are the wire names the caller sent.
 */
export function assertUpdatable(intent: IntentState, fields: readonly string[]): void {
  const field = fields[0];
  if (field === undefined || allows('update', intent.status)) return;
  throw unexpected(
    intent,
    `This PaymentIntent's ${field} could not be updated because it has a status of ${wirePaymentIntentStatus(intent.status)}. You may only update the ${field} of a PaymentIntent with one of the following statuses: ${allowedList('update')}.`,
    field,
  );
}

/** Confirming needs a card. `id` is null when the intent is not made yet (create with confirm=true): the error then names none. */
export function assertHasPaymentMethod(intent: { id: string | null; customer: string | null }, paymentMethod: string | null | undefined): asserts paymentMethod is string {
  if (paymentMethod) return;
  const hint = intent.customer
    ? `To confirm the PaymentIntent with ${intent.customer}, specify a payment method attached to this customer along with the customer ID.`
    : 'Update the PaymentIntent with a payment_method and then confirm it again.';
  const message = `You cannot confirm this PaymentIntent because it's missing a payment method. ${hint}`;
  throw new PaygateError('payment_intent_unexpected_state', message, intent.id ? { paymentIntent: intent.id } : { param: 'payment_method' });
}

/** Where an approved authorization leaves the intent. */
export function statusAfterApproval(captureMethod: CaptureMethod): PaymentIntentStatus {
  return capturesAtOnce(captureMethod) ? 'succeeded' : 'awaiting_capture';
}

/** Where an update leaves the intent: a new payment method (or a new amount mid-authentication) needs confirming again. */
export function statusAfterUpdate(status: PaymentIntentStatus, change: { paymentMethod: boolean; amount: boolean }): PaymentIntentStatus {
  if (change.paymentMethod) return 'awaiting_confirmation';
  if (status === 'awaiting_action' && change.amount) return 'awaiting_confirmation';
  return status;
}

/** The reasons a merchant may give; automatic, failed_invoice and void_invoice are Stripe's own. */
export const MERCHANT_CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;
export type CancellationReason = (typeof MERCHANT_CANCELLATION_REASONS)[number] | 'automatic' | 'failed_invoice' | 'void_invoice';

export function assertMerchantCancellationReason(reason: string | null | undefined): void {
  if (reason === null || reason === undefined || (MERCHANT_CANCELLATION_REASONS as readonly string[]).includes(reason)) return;
  throw new PaygateError('invalid_request', `Invalid cancellation_reason: must be one of ${MERCHANT_CANCELLATION_REASONS.join(', ')}`, {
    param: 'cancellation_reason',
  });
}
