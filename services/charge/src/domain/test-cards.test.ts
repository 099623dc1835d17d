import { binBrandOf, luhnValid } from './card-number';
import { behaviourOf, brandOf, isMagicToken, isPaymentMethodAlias, TEST_CARDS, testCardForAlias, testCardOf } from './test-cards';

describe('the test-card table', () => {
  it('holds only Luhn-valid numbers whose BIN brand matches the row', () => {
    for (const card of TEST_CARDS) {
      expect(luhnValid(card.number)).toBe(true);
      expect(binBrandOf(card.number)).toBe(card.brand);
      expect(brandOf(card.number)).toBe(card.brand);
    }
  });

  it.each([
    ['4242424242424242', { result: 'approve', funds: 'standard' }],
    ['4000000000000077', { result: 'approve', funds: 'immediate' }],
    ['4000000000000002', { result: 'decline', failureCode: 'card_declined', declineCode: 'generic_decline' }],
    ['4000000000009995', { result: 'decline', failureCode: 'card_declined', declineCode: 'insufficient_funds' }],
    ['4000000000009987', { result: 'decline', failureCode: 'card_declined', declineCode: 'lost_card' }],
    ['4000000000009979', { result: 'decline', failureCode: 'card_declined', declineCode: 'stolen_card' }],
    ['4000000000000069', { result: 'decline', failureCode: 'expired_card', declineCode: 'expired_card' }],
    ['4000000000000127', { result: 'decline', failureCode: 'incorrect_cvc', declineCode: 'incorrect_cvc' }],
    ['4000000000000119', { result: 'decline', failureCode: 'processing_error', declineCode: 'processing_error' }],
    ['4000000000000341', { result: 'decline', failureCode: 'card_declined', declineCode: 'generic_decline' }],
    ['4100000000000019', { result: 'block' }],
  ])('%p charges as %p', (number, charge) => expect(behaviourOf(number).charge).toEqual(charge));

  it('declines attaching the cards that decline charges, except 4000000000000341', () => {
    expect(behaviourOf('4000000000000002').attach).toBe('declines');
    expect(behaviourOf('4000000000009995').attach).toBe('declines');
    expect(behaviourOf('4000000000000341').attach).toBe('succeeds');
    expect(behaviourOf('4242424242424242').attach).toBe('succeeds');
  });

  it.each(['4000002500003155', '4000002760003184', '4000000000003220'])('%p requires 3-D Secure', (number) => {
    expect(behaviourOf(number).threeDSecure).toBe('required');
    expect(behaviourOf(number).charge.result).toBe('approve');
  });

  it('fails refunds of 4000000000005126 asynchronously only', () => {
    expect(behaviourOf('4000000000005126').refund).toBe('fails_async');
    expect(behaviourOf('4242424242424242').refund).toBe('succeeds');
  });

  it('approves any other number with standard funds and optional 3-D Secure', () => {
    expect(behaviourOf('4111111111111111')).toEqual({ charge: { result: 'approve', funds: 'standard' }, threeDSecure: 'optional', refund: 'succeeds', attach: 'succeeds' });
    expect(testCardOf('4111111111111111')).toBeNull();
  });

  it.each([
    ['tok_visa', '4242424242424242'], ['tok_visa_debit', '4000056655665556'], ['tok_mastercard', '5555555555554444'],
    ['tok_amex', '378282246310005'], ['tok_discover', '6011111111111117'], ['tok_chargeDeclined', '4000000000000002'],
    ['tok_chargeDeclinedInsufficientFunds', '4000000000009995'], ['tok_chargeDeclinedExpiredCard', '4000000000000069'],
    ['tok_chargeDeclinedIncorrectCvc', '4000000000000127'], ['tok_chargeDeclinedProcessingError', '4000000000000119'],
    ['tok_bypassPending', '4000000000000077'],
  ])('magic token %p is %p', (token, number) => {
    expect(isMagicToken(token)).toBe(true);
    expect(isPaymentMethodAlias(token)).toBe(false);
    expect(testCardForAlias(token)?.number).toBe(number);
  });

  it.each([
    ['pm_card_visa', '4242424242424242'], ['pm_card_visa_debit', '4000056655665556'], ['pm_card_mastercard', '5555555555554444'],
    ['pm_card_amex', '378282246310005'], ['pm_card_discover', '6011111111111117'], ['pm_card_diners', '3056930009020004'],
    ['pm_card_jcb', '3566002020360505'], ['pm_card_unionpay', '6200000000000005'], ['pm_card_chargeDeclined', '4000000000000002'],
    ['pm_card_chargeDeclinedInsufficientFunds', '4000000000009995'], ['pm_card_chargeDeclinedLostCard', '4000000000009987'],
    ['pm_card_chargeDeclinedStolenCard', '4000000000009979'], ['pm_card_chargeDeclinedExpiredCard', '4000000000000069'],
    ['pm_card_chargeDeclinedIncorrectCvc', '4000000000000127'], ['pm_card_chargeDeclinedProcessingError', '4000000000000119'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', '4000000000009995'], ['pm_card_chargeDeclinedFraudulent', '4100000000000019'],
    ['pm_card_radarBlock', '4100000000000019'], ['pm_card_bypassPending', '4000000000000077'],
    ['pm_card_threeDSecure2Required', '4000000000003220'], ['pm_card_authenticationRequired', '4000002760003184'],
    ['pm_card_authenticationRequiredOnSetup', '4000002500003155'], ['pm_card_refundFail', '4000000000005126'],
    ['pm_card_chargeCustomerFail', '4000000000000341'],
  ])('payment method alias %p is %p', (alias, number) => {
    expect(isPaymentMethodAlias(alias)).toBe(true);
    expect(isMagicToken(alias)).toBe(false);
    expect(testCardForAlias(alias)?.number).toBe(number);
  });

  it('knows nothing of other ids', () => {
    expect(testCardForAlias('tok_unknown')).toBeNull();
    expect(testCardForAlias('pm_123')).toBeNull();
  });
});
