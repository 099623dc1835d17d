/**
 * Checkout Session states. We store Stripe's own strings, so the wire value is the stored value;
 * the switches below are exhaustive and stop compiling when a value is added without a decision.
 */
export const CHECKOUT_SESSION_STATUSES = ['open', 'complete', 'expired'] as const;
export type CheckoutSessionStatus = (typeof CHECKOUT_SESSION_STATUSES)[number];

export const CHECKOUT_SESSION_PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required'] as const;
export type CheckoutSessionPaymentStatus = (typeof CHECKOUT_SESSION_PAYMENT_STATUSES)[number];

export const CHECKOUT_SESSION_MODES = ['payment', 'setup', 'subscription'] as const;
export type CheckoutSessionMode = (typeof CHECKOUT_SESSION_MODES)[number];

function oneOf<T extends string>(values: readonly T[], what: string, text: string): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new Error(`Unknown checkout session ${what} '${text}'`);
}

/** A stored status as a typed value (a value we never write is a bug, not a client error). */
export const parseCheckoutSessionStatus = (text: string) => oneOf(CHECKOUT_SESSION_STATUSES, 'status', text);
export const parseCheckoutSessionPaymentStatus = (text: string) => oneOf(CHECKOUT_SESSION_PAYMENT_STATUSES, 'payment_status', text);
export const parseCheckoutSessionMode = (text: string) => oneOf(CHECKOUT_SESSION_MODES, 'mode', text);

/** complete and expired are final: nothing moves a session out of them. */
export function isTerminal(status: CheckoutSessionStatus): boolean {
  switch (status) {
    case 'open':
      return false;
    case 'complete':
    case 'expired':
      return true;
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled checkout session status ${String(unhandled)}`);
    }
  }
}

/** Stripe's `POST /v1/checkout/sessions/:id/expire` (and the expiry sweep) only act on an open session. */
export function canExpire(status: CheckoutSessionStatus): boolean {
  return !isTerminal(status);
}

/** A new session's payment_status: setup mode and zero totals never collect money. */
export function initialPaymentStatus(mode: CheckoutSessionMode, amountTotal: number | null): CheckoutSessionPaymentStatus {
  switch (mode) {
    case 'setup':
      return 'no_payment_required';
    case 'payment':
    case 'subscription':
      return amountTotal === 0 ? 'no_payment_required' : 'unpaid';
    default: {
      const unhandled: never = mode;
      throw new Error(`Unhandled checkout session mode ${String(unhandled)}`);
    }
  }
}
