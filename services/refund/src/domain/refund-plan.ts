import { PaygateError } from '@paygate/chassis';

/** The charge as the charge service answers through the graph (GraphQL Charge, plus its service-only fields). */
export interface ChargeForRefund {
  id: string;
  amount: number;
  amountCaptured: number;
  captured: boolean;
  currency: string;
  status: 'succeeded' | 'pending' | 'failed';
  paymentIntent: { id: string } | null;
  simulatedRefundOutcome: NetworkOutcome;
  authorizationReleased: boolean;
}

/**
 * balance_debit: the charge was captured, its money is in the balance and leaves it (the balance
 * service books the debit). authorization_release: it was not, so the refund lets the hold go and no
 * money moves (Stripe: a succeeded refund without a balance transaction).
 */
export type RefundSettlement = 'balance_debit' | 'authorization_release';

/** What the simulated card network answers to a refund: 4000000000005126 fails after it succeeded. */
export type NetworkOutcome = 'succeeds' | 'fails_async';

export interface RefundPlan {
  settlement: RefundSettlement;
  /** All that may ever be refunded of the charge. */
  refundable: number;
  networkOutcome: NetworkOutcome;
}

export function alreadyRefunded(chargeId: string): PaygateError {
  return new PaygateError('charge_already_refunded', `Charge ${chargeId} has already been refunded.`, { param: 'charge' });
}

/** How a refund of `charge` settles and how much of it may be refunded. */
export function planRefund(charge: ChargeForRefund): RefundPlan {
  if (charge.status !== 'succeeded') {
    throw new PaygateError('invalid_request', `Charge ${charge.id} has failed and cannot be refunded.`, { param: 'charge' });
  }
  if (charge.captured) return { settlement: 'balance_debit', refundable: charge.amountCaptured, networkOutcome: charge.simulatedRefundOutcome };
  // A hold let go by a canceled intent or its 7-day expiry: Stripe shows such a charge refunded in full.
  if (charge.authorizationReleased) throw alreadyRefunded(charge.id);
  return { settlement: 'authorization_release', refundable: charge.amount, networkOutcome: 'succeeds' };
}

/** Settlement and network outcome as stored strings come back (a value we never write is a bug). */
export function parseSettlement(text: string): RefundSettlement {
  if (text === 'balance_debit' || text === 'authorization_release') return text;
  throw new Error(`Unknown refund settlement '${text}'`);
}

export function parseNetworkOutcome(text: string): NetworkOutcome {
  if (text === 'succeeds' || text === 'fails_async') return text;
  throw new Error(`Unknown refund network outcome '${text}'`);
}
