import { PaygateError } from '@paygate/chassis';
import { authorize } from './authorize';
import type { CardBehaviour } from './test-cards';

/**
 * Attaching runs the card check Stripe runs: a card that declines charges cannot be attached
 * (https://docs.stripe.com/testing#declined-payments), except the one made to fail only later.
 */
export function attachDecline(behaviour: CardBehaviour, paymentMethodId: string | null): PaygateError | null {
  if (behaviour.attach === 'succeeds') return null;
  const failure = authorize(behaviour, true).failure;
  if (!failure) return null;
  return new PaygateError(failure.code, failure.message, { declineCode: failure.declineCode, ...(paymentMethodId ? { paymentMethod: paymentMethodId } : {}) });
}
