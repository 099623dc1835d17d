import type { ChargeStatus } from './charge-status';
import type { CardBehaviour, DeclineCode, FailureCode } from './test-cards';

/** Stripe's `outcome` sub-object of a charge. */
export interface ChargeOutcome {
  networkStatus: 'approved_by_network' | 'declined_by_network' | 'not_sent_to_network';
  reason: string | null;
  riskLevel: 'normal' | 'highest';
  riskScore: number;
  sellerMessage: string;
  type: 'authorized' | 'issuer_declined' | 'blocked';
}

export interface ChargeFailure {
  code: FailureCode;
  declineCode: DeclineCode;
  message: string;
}

export interface ChargeDecision {
  status: ChargeStatus;
  outcome: ChargeOutcome;
  failure: ChargeFailure | null;
  /** When the funds become available to pay out. */
  funds: 'standard' | 'immediate';
  /** Radar's verdict on a blocked payment, shown as fraud_details.stripe_report. */
  stripeReport: 'fraudulent' | null;
}

/** The message a customer sees for each decline code (Stripe's wording). */
const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  lost_card: 'Your card was declined.',
  stolen_card: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
  fraudulent: 'Your card was declined.',
};

/** Stripe gives an issuer's generic decline no detail; every other code is named to the merchant. */
function sellerMessage(declineCode: DeclineCode): string {
  return declineCode === 'generic_decline'
    ? 'The bank did not return any further details with this decline.'
    : `The bank returned the decline code \`${declineCode}\`.`;
}

/** Test-mode risk scores are fixed so outcomes are reproducible; Stripe's normal band is 0–64. */
const NORMAL_RISK_SCORE = 20;
const HIGHEST_RISK_SCORE = 95;

/** What the simulated network answers for a card; captured at once unless `capture` is false. */
export function authorize(behaviour: CardBehaviour, capture: boolean): ChargeDecision {
  const answer = behaviour.charge;
  switch (answer.result) {
    case 'approve':
      return {
        status: capture ? 'captured' : 'authorized',
        outcome: { networkStatus: 'approved_by_network', reason: null, riskLevel: 'normal', riskScore: NORMAL_RISK_SCORE, sellerMessage: 'Payment complete.', type: 'authorized' },
        failure: null,
        funds: answer.funds,
        stripeReport: null,
      };
    case 'decline':
      return {
        status: 'declined',
        outcome: {
          networkStatus: 'declined_by_network',
          reason: answer.declineCode,
          riskLevel: 'normal',
          riskScore: NORMAL_RISK_SCORE,
          sellerMessage: sellerMessage(answer.declineCode),
          type: 'issuer_declined',
        },
        failure: { code: answer.failureCode, declineCode: answer.declineCode, message: DECLINE_MESSAGES[answer.declineCode] },
        funds: 'standard',
        stripeReport: null,
      };
    case 'block':
      // Radar stops it before the network: the customer sees a plain decline, the merchant the block.
      return {
        status: 'declined',
        outcome: {
          networkStatus: 'not_sent_to_network',
          reason: 'highest_risk_level',
          riskLevel: 'highest',
          riskScore: HIGHEST_RISK_SCORE,
          sellerMessage: 'Stripe blocked this payment as too risky.',
          type: 'blocked',
        },
        failure: { code: 'card_declined', declineCode: 'fraudulent', message: DECLINE_MESSAGES.fraudulent },
        funds: 'standard',
        stripeReport: 'fraudulent',
      };
    default: {
      const unhandled: never = answer;
      throw new Error(`unhandled network answer ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The failure a stored declined charge was answered with, so a replay can answer the same. */
export function failureOf(charge: { failureCode: string | null; failureMessage: string | null; outcome: ChargeOutcome }): ChargeFailure | null {
  if (!charge.failureCode) return null;
  const declineCode = (charge.outcome.type === 'blocked' ? 'fraudulent' : charge.outcome.reason) as DeclineCode;
  return { code: charge.failureCode as FailureCode, declineCode, message: charge.failureMessage ?? DECLINE_MESSAGES[declineCode] };
}
