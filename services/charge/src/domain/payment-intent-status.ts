/**
 * PaymentIntent statuses. Internal names say what the intent waits for; the wire status is
 * Stripe's, mapped by an exhaustive switch that stops compiling when a status is added.
 */
export type PaymentIntentStatus =
  | 'awaiting_payment_method'
  | 'awaiting_confirmation'
  | 'awaiting_action'
  | 'processing'
  | 'awaiting_capture'
  | 'succeeded'
  | 'canceled';

export type StripePaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export const PAYMENT_INTENT_STATUSES: readonly PaymentIntentStatus[] = [
  'awaiting_payment_method', 'awaiting_confirmation', 'awaiting_action', 'processing', 'awaiting_capture', 'succeeded', 'canceled',
];

export function wirePaymentIntentStatus(status: PaymentIntentStatus): StripePaymentIntentStatus {
  switch (status) {
    case 'awaiting_payment_method':
      return 'requires_payment_method';
    case 'awaiting_confirmation':
      return 'requires_confirmation';
    case 'awaiting_action':
      return 'requires_action';
    case 'processing':
      return 'processing';
    case 'awaiting_capture':
      return 'requires_capture';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    default: {
      const unhandled: never = status;
      throw new Error(`unhandled payment intent status ${String(unhandled)}`);
    }
  }
}

/** The internal statuses a wire status stands for (search filters on the internal column). */
export function paymentIntentStatusesShownAs(wire: string): PaymentIntentStatus[] {
  return PAYMENT_INTENT_STATUSES.filter((status) => wirePaymentIntentStatus(status) === wire);
}

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';

/** automatic_async is Stripe's newer default: for a card it captures at once, as automatic does. */
export function capturesAtOnce(method: CaptureMethod): boolean {
  switch (method) {
    case 'automatic':
    case 'automatic_async':
      return true;
    case 'manual':
      return false;
    default: {
      const unhandled: never = method;
      throw new Error(`unhandled capture method ${String(unhandled)}`);
    }
  }
}
