import { ERROR_CATALOG, PaygateError } from '@paygate/chassis';

/** How the customer service applied the customer's balance at finalization (its CustomerBalanceApplication). */
export interface CustomerBalanceApplication {
  startingBalance: number;
  endingBalance: number;
  amountDue: number;
  /** What remained was below the currency's minimum charge: it went onto the customer's balance instead. */
  carriedToBalance: boolean;
}

export interface FinalizedAmounts {
  startingBalance: number;
  endingBalance: number;
  amountDue: number;
  amountPaid: number;
  /** Nothing to charge (credit covered it, or the remainder was carried): paid at finalization. */
  paidAtFinalization: boolean;
}

/**
 * The invoice's amounts once finalized, from the customer service's answer. An invoice whose credit
 * covers it, or whose remainder was carried to the customer's balance, is paid with nothing charged:
 * its amount_due counts as paid, so amount_remaining is 0.
 */
export function finalizedAmounts(application: CustomerBalanceApplication): FinalizedAmounts {
  const paidAtFinalization = application.carriedToBalance || application.amountDue === 0;
  return {
    startingBalance: application.startingBalance,
    endingBalance: application.endingBalance,
    amountDue: application.amountDue,
    amountPaid: paidAtFinalization ? application.amountDue : 0,
    paidAtFinalization,
  };
}

/** What the charge service made of one payment attempt (a PaymentIntent created and confirmed). */
export type PaymentOutcome =
  | { kind: 'succeeded'; paymentIntent: string; charge: string | null; amount: number }
  | { kind: 'declined'; paymentIntent: string | null; charge: string | null; error: PaygateError }
  | { kind: 'requires_action'; paymentIntent: string; charge: string | null; redirectUrl: string | null }
  /** Refused before anything was charged (an unknown payment method, say): no attempt happened. */
  | { kind: 'refused'; error: PaygateError }
  /** No answer (the charge service or the graph down, a timeout): the attempt may or may not have happened. */
  | { kind: 'unanswered'; error: unknown };

/** A failed createPaymentIntent as an outcome: Stripe's card errors are declines, other catalog errors refusals. */
export function outcomeOfError(err: unknown): PaymentOutcome {
  if (!(err instanceof PaygateError)) return { kind: 'unanswered', error: err };
  if (ERROR_CATALOG[err.code].type === 'card_error') return { kind: 'declined', paymentIntent: err.details.paymentIntent ?? null, charge: err.details.charge ?? null, error: err };
  return { kind: 'refused', error: err };
}

/** The PaymentIntent as the charge service answered it. */
export interface ChargedIntent {
  id: string;
  status: string;
  amountReceived: number;
  latestCharge: { id: string } | null;
  nextAction: { redirectToUrl: { url: string } | null } | null;
  lastPaymentError: { code: string | null; declineCode: string | null; message: string } | null;
}

export function outcomeOfIntent(intent: ChargedIntent): PaymentOutcome {
  const charge = intent.latestCharge?.id ?? null;
  switch (intent.status) {
    case 'succeeded':
      return { kind: 'succeeded', paymentIntent: intent.id, charge, amount: intent.amountReceived };
    case 'requires_action':
      return { kind: 'requires_action', paymentIntent: intent.id, charge, redirectUrl: intent.nextAction?.redirectToUrl?.url ?? null };
    default: {
      // A decline at confirmation is thrown (outcomeOfError); here the intent failed later (3-D Secure refused, say).
      const failure = intent.lastPaymentError;
      const message = failure?.message ?? 'The payment for this invoice did not succeed.';
      const code = failure?.code === 'payment_intent_authentication_failure' ? 'payment_intent_authentication_failure' : 'card_declined';
      return { kind: 'declined', paymentIntent: intent.id, charge, error: new PaygateError(code, message, { paymentIntent: intent.id, ...(failure?.declineCode ? { declineCode: failure.declineCode } : {}) }) };
    }
  }
}
