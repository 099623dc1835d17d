import { planRefund, type ChargeForRefund } from './refund-plan';

const charge = (over: Partial<ChargeForRefund> = {}): ChargeForRefund => ({
  id: 'ch_1',
  amount: 1000,
  amountCaptured: 1000,
  captured: true,
  currency: 'usd',
  status: 'succeeded',
  paymentIntent: null,
  simulatedRefundOutcome: 'succeeds',
  authorizationReleased: false,
  ...over,
});

describe('how a refund settles', () => {
  it('debits the balance by up to the captured amount of a captured charge, with the card network’s answer', () => {
    expect(planRefund(charge({ amountCaptured: 600 }))).toEqual({ settlement: 'balance_debit', refundable: 600, networkOutcome: 'succeeds' });
    expect(planRefund(charge({ simulatedRefundOutcome: 'fails_async' })).networkOutcome).toBe('fails_async');
  });

  it('releases the whole authorization of an uncaptured one', () => {
    expect(planRefund(charge({ captured: false, amountCaptured: 0 }))).toEqual({ settlement: 'authorization_release', refundable: 1000, networkOutcome: 'succeeds' });
  });

  it('refuses a released hold as already refunded, and a failed charge', () => {
    expect(() => planRefund(charge({ captured: false, amountCaptured: 0, authorizationReleased: true }))).toThrow(expect.objectContaining({ code: 'charge_already_refunded' }));
    expect(() => planRefund(charge({ status: 'failed', captured: false }))).toThrow(expect.objectContaining({ code: 'invalid_request', details: { param: 'charge' } }));
  });
});
