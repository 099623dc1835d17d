import { assertChargeAmount, PaygateError, parseCurrency, type Money } from '@paygate/chassis';
import type { ChargeStatus } from './charge-status';
import { cardForToken, type DeclineCode, type FailureCode, type TestCard } from './test-cards';

/** Stripe's `outcome` sub-object. */
export interface ChargeOutcome {
  networkStatus: 'approved_by_network' | 'declined_by_network';
  reason: string | null;
  riskLevel: 'normal';
  riskScore: number;
  sellerMessage: string;
  type: 'authorized' | 'issuer_declined';
}

export interface ChargeDecision {
  status: ChargeStatus;
  outcome: ChargeOutcome;
  failure: { code: FailureCode; declineCode: DeclineCode; message: string } | null;
  /** When the funds become available to pay out. */
  funds: 'standard' | 'immediate';
}

const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
};

/** Checks amount and currency with Stripe's errors, and finds the card behind the source. */
export function validateChargeRequest(input: { amount: number; currency: string; source: string }): { money: Money; card: TestCard } {
  const currency = parseCurrency(input.currency);
  const money = { amount: input.amount, currency };
  assertChargeAmount(money);
  const card = cardForToken(input.source);
  if (!card) {
    // Never echo what may be a card number back into a response or a log.
    if (/\d{12,19}/.test(input.source.replace(/[\s-]/g, ''))) {
      throw new PaygateError('invalid_request', 'Card numbers cannot be sent as `source`: create a token (or a PaymentMethod) first.', { param: 'source' });
    }
    throw new PaygateError('resource_missing', `No such token: '${input.source.slice(0, 64)}'`, { param: 'source' });
  }
  return { money, card };
}

/** What the simulated network answers for this card; captured right away unless capture=false. */
export function authorize(card: TestCard, capture: boolean): ChargeDecision {
  if (card.network.result === 'decline') {
    const { failureCode, declineCode } = card.network;
    return {
      status: 'declined',
      outcome: {
        networkStatus: 'declined_by_network',
        reason: declineCode,
        riskLevel: 'normal',
        riskScore: 20,
        sellerMessage: 'The bank did not return any further details with this decline.',
        type: 'issuer_declined',
      },
      failure: { code: failureCode, declineCode, message: DECLINE_MESSAGES[declineCode] },
      funds: 'standard',
    };
  }
  return {
    status: capture ? 'captured' : 'authorized',
    outcome: { networkStatus: 'approved_by_network', reason: null, riskLevel: 'normal', riskScore: 20, sellerMessage: 'Payment complete.', type: 'authorized' },
    failure: null,
    funds: card.network.funds,
  };
}
