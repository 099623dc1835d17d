import { authorize, validateChargeRequest } from './authorize';
import { assertCapturable, wireChargeStatus } from './charge-status';
import { cardDetails, cardFingerprint, cardForToken, TEST_TOKENS } from './test-cards';

const key = 'fingerprint-key-for-tests-0123456789';

describe('simulated card network', () => {
  it('approves tok_visa and captures it', () => {
    const decision = authorize(cardForToken('tok_visa')!, true);
    expect(decision).toMatchObject({ status: 'captured', failure: null, funds: 'standard', outcome: { type: 'authorized' } });
    expect(wireChargeStatus(decision.status)).toBe('succeeded');
  });

  it('leaves an uncaptured authorization when capture=false', () => {
    expect(authorize(cardForToken('tok_mastercard')!, false).status).toBe('authorized');
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined', 'generic_decline'],
    ['tok_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['tok_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['tok_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
  ])('%s declines with %s / %s', (token, code, declineCode) => {
    const decision = authorize(cardForToken(token)!, true);
    expect(decision.status).toBe('declined');
    expect(wireChargeStatus(decision.status)).toBe('failed');
    expect(decision.failure).toMatchObject({ code, declineCode });
  });

  it('tok_bypassPending (4000000000000077) makes funds available immediately', () => {
    expect(authorize(cardForToken('tok_bypassPending')!, true).funds).toBe('immediate');
  });

  it('validates amount, currency and source with Stripe params', () => {
    expect(validateChargeRequest({ amount: 2000, currency: 'USD', source: 'tok_visa' }).money).toEqual({ amount: 2000, currency: 'usd' });
    expect(() => validateChargeRequest({ amount: 0, currency: 'usd', source: 'tok_visa' })).toThrow(expect.objectContaining({ details: { param: 'amount' } }));
    expect(() => validateChargeRequest({ amount: 2000, currency: 'zzz', source: 'tok_visa' })).toThrow(expect.objectContaining({ details: { param: 'currency' } }));
    expect(() => validateChargeRequest({ amount: 2000, currency: 'usd', source: 'tok_nope' })).toThrow(expect.objectContaining({ code: 'resource_missing', details: { param: 'source' } }));
    expect(() => validateChargeRequest({ amount: 2000, currency: 'usd', source: '4242 4242 4242 4242' })).toThrow(
      expect.objectContaining({ code: 'invalid_request', message: expect.not.stringContaining('4242') }),
    );
  });

  it('shows brand, last4 and a keyed fingerprint, never the number', () => {
    for (const token of Object.keys(TEST_TOKENS)) {
      const card = cardForToken(token)!;
      const details = cardDetails(card, key);
      expect(JSON.stringify(details)).not.toContain(card.number);
      expect(details.last4).toBe(card.number.slice(-4));
    }
    expect(cardFingerprint('4242424242424242', key)).toBe(cardFingerprint('4242424242424242', key));
    expect(cardFingerprint('4242424242424242', key)).not.toBe(cardFingerprint('4242424242424242', `${key}x`));
  });
});

describe('capture', () => {
  it('captures an authorization once; never a captured or failed charge', () => {
    expect(() => assertCapturable('ch_1', 'authorized')).not.toThrow();
    expect(() => assertCapturable('ch_1', 'captured')).toThrow(expect.objectContaining({ code: 'charge_already_captured' }));
    expect(() => assertCapturable('ch_1', 'declined')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
