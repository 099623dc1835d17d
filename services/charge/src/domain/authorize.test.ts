import { authorize, failureOf } from './authorize';
import { assertCapturable, chargeStatusesShownAs, wireChargeStatus } from './charge-status';
import { testCardForAlias, type CardBehaviour } from './test-cards';

const behaviour = (alias: string): CardBehaviour => testCardForAlias(alias)!.behaviour;

describe('simulated card network', () => {
  it('approves tok_visa and captures it, or leaves an authorization when capture=false', () => {
    const decision = authorize(behaviour('tok_visa'), true);
    expect(decision).toMatchObject({ status: 'captured', failure: null, funds: 'standard', stripeReport: null });
    expect(decision.outcome).toEqual({
      networkStatus: 'approved_by_network', reason: null, riskLevel: 'normal', riskScore: 20, sellerMessage: 'Payment complete.', type: 'authorized',
    });
    expect(wireChargeStatus(decision.status)).toBe('succeeded');
    expect(authorize(behaviour('tok_mastercard'), false).status).toBe('authorized');
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined', 'generic_decline', 'Your card was declined.', 'The bank did not return any further details with this decline.'],
    ['tok_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.', 'The bank returned the decline code `insufficient_funds`.'],
    ['tok_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', 'Your card has expired.', 'The bank returned the decline code `expired_card`.'],
    ['tok_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect.", 'The bank returned the decline code `incorrect_cvc`.'],
    ['tok_chargeDeclinedProcessingError', 'processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'The bank returned the decline code `processing_error`.'],
  ])('%s declines with %s / %s', (token, code, declineCode, message, sellerMessage) => {
    const decision = authorize(behaviour(token), true);
    expect(decision.status).toBe('declined');
    expect(wireChargeStatus(decision.status)).toBe('failed');
    expect(decision.failure).toEqual({ code, declineCode, message });
    expect(decision.outcome).toMatchObject({ networkStatus: 'declined_by_network', type: 'issuer_declined', reason: declineCode, riskLevel: 'normal', sellerMessage });
  });

  it('a Radar block never reaches the network: highest risk, card_declined / fraudulent', () => {
    const decision = authorize(behaviour('tok_radarBlock'), true);
    expect(decision.outcome).toMatchObject({ networkStatus: 'not_sent_to_network', type: 'blocked', riskLevel: 'highest', reason: 'highest_risk_level' });
    expect(decision.failure).toMatchObject({ code: 'card_declined', declineCode: 'fraudulent' });
    expect(decision.stripeReport).toBe('fraudulent');
  });

  it('tok_bypassPending (4000000000000077) makes funds available immediately', () => {
    expect(authorize(behaviour('tok_bypassPending'), true).funds).toBe('immediate');
  });

  it('a stored declined charge gives back the failure it was answered with (idempotent replays)', () => {
    for (const token of ['tok_chargeDeclinedInsufficientFunds', 'tok_radarBlock']) {
      const decision = authorize(behaviour(token), true);
      expect(failureOf({ failureCode: decision.failure!.code, failureMessage: decision.failure!.message, outcome: decision.outcome })).toEqual(decision.failure);
    }
    const approved = authorize(behaviour('tok_visa'), true);
    expect(failureOf({ failureCode: null, failureMessage: null, outcome: approved.outcome })).toBeNull();
  });
});

describe('charge statuses', () => {
  it('captures an authorization once; never a captured, failed or released charge', () => {
    expect(() => assertCapturable('ch_1', 'authorized')).not.toThrow();
    expect(() => assertCapturable('ch_1', 'captured')).toThrow(expect.objectContaining({ code: 'charge_already_captured' }));
    expect(() => assertCapturable('ch_1', 'declined')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => assertCapturable('ch_1', 'released')).toThrow(expect.objectContaining({ code: 'charge_expired_for_capture' }));
  });

  it('a released authorization is still shown succeeded; search maps wire statuses back', () => {
    expect(wireChargeStatus('released')).toBe('succeeded');
    expect(chargeStatusesShownAs('succeeded')).toEqual(['authorized', 'captured', 'released']);
    expect(chargeStatusesShownAs('failed')).toEqual(['declined']);
    expect(chargeStatusesShownAs('pending')).toEqual([]);
  });
});
