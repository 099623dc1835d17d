import type { CheckoutSessionPaymentStatus } from './checkout-session-status';

/** The charge service's PaymentIntent statuses (its wire values), as the session reads them through the graph. */
export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

/**
 * What the session's intent status means for the session: `complete` (the money is taken or held:
 * the session completes), `authenticate` (the buyer must pass 3-D Secure first), `retry` (no payment:
 * the buyer may try another card) or `void` (canceled: nothing can complete the session any more).
 */
export type CheckoutPaymentOutcome =
  | { kind: 'complete'; paymentStatus: CheckoutSessionPaymentStatus }
  | { kind: 'authenticate' }
  | { kind: 'retry' }
  | { kind: 'void' };

export function checkoutPaymentOutcome(status: PaymentIntentStatus): CheckoutPaymentOutcome {
  switch (status) {
    case 'succeeded':
      return { kind: 'complete', paymentStatus: 'paid' };
    // A manual-capture session completes on the authorization; its funds are not in the account yet.
    case 'requires_capture':
      return { kind: 'complete', paymentStatus: 'unpaid' };
    case 'requires_action':
      return { kind: 'authenticate' };
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'processing':
      return { kind: 'retry' };
    case 'canceled':
      return { kind: 'void' };
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled payment intent status ${String(unhandled)}`);
    }
  }
}
