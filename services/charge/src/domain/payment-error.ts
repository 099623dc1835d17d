import { PaygateError } from '@paygate/chassis';
import type { ChargeFailure } from './authorize';

/** Stripe's last_payment_error, as the intent stores it (payment method and charge by id). */
export interface PaymentError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  declineCode: string | null;
  message: string;
  param: string | null;
  paymentMethod: string | null;
  charge: string | null;
}

export function declinedPaymentError(failure: ChargeFailure, ids: { charge: string; paymentMethod: string }): PaymentError {
  return { type: 'card_error', code: failure.code, declineCode: failure.declineCode, message: failure.message, param: null, ...ids };
}

/** The customer failed (or abandoned) the 3-D Secure challenge: no charge was attempted. */
export function authenticationFailedError(paymentMethod: string | null): PaymentError {
  return {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    declineCode: null,
    message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    param: null,
    paymentMethod,
    charge: null,
  };
}

/** The 402 a decline is answered with; it names the failed charge (and the intent and payment method, if any). */
export function cardError(failure: ChargeFailure, ids: { charge: string; paymentIntent?: string; paymentMethod?: string }): PaygateError {
  return new PaygateError(failure.code, failure.message, { declineCode: failure.declineCode, ...ids });
}
