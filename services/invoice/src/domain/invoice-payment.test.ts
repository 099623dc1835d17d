import { PaygateError } from '@paygate/chassis';
import { finalizedAmounts, outcomeOfError, outcomeOfIntent, type ChargedIntent } from './invoice-payment';

describe('finalized amounts', () => {
  it('an invoice with something left to charge stays to be paid', () => {
    expect(finalizedAmounts({ startingBalance: -1000, endingBalance: 0, amountDue: 1500, carriedToBalance: false })).toEqual({
      startingBalance: -1000, endingBalance: 0, amountDue: 1500, amountPaid: 0, paidAtFinalization: false,
    });
  });

  it('credit that covers it, or a remainder carried to the balance, pays it at finalization', () => {
    expect(finalizedAmounts({ startingBalance: -3000, endingBalance: -500, amountDue: 0, carriedToBalance: false })).toMatchObject({ amountPaid: 0, paidAtFinalization: true });
    // The customer service carries a remainder below the minimum to the balance and answers amount due 0.
    expect(finalizedAmounts({ startingBalance: -2470, endingBalance: 30, amountDue: 0, carriedToBalance: true })).toMatchObject({ amountDue: 0, amountPaid: 0, paidAtFinalization: true });
  });
});

describe('payment outcomes', () => {
  const intent = (over: Partial<ChargedIntent>): ChargedIntent => ({ id: 'pi_1', status: 'succeeded', amountReceived: 1500, latestCharge: { id: 'ch_1' }, nextAction: null, lastPaymentError: null, ...over });

  it('reads the intent the charge service answered with', () => {
    expect(outcomeOfIntent(intent({}))).toEqual({ kind: 'succeeded', paymentIntent: 'pi_1', charge: 'ch_1', amount: 1500 });
    expect(outcomeOfIntent(intent({ status: 'requires_action', nextAction: { redirectToUrl: { url: 'http://x/3ds' } } }))).toMatchObject({ kind: 'requires_action', redirectUrl: 'http://x/3ds' });
    const failed = outcomeOfIntent(intent({ status: 'requires_payment_method', lastPaymentError: { code: 'payment_intent_authentication_failure', declineCode: null, message: 'We are unable to authenticate.' } }));
    expect(failed).toMatchObject({ kind: 'declined', error: expect.objectContaining({ code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate.' }) });
  });

  it('a card error is a decline, another catalog error a refusal, anything else unanswered', () => {
    const decline = new PaygateError('card_declined', 'Your card was declined.', { declineCode: 'generic_decline', paymentIntent: 'pi_2', charge: 'ch_2' });
    expect(outcomeOfError(decline)).toEqual({ kind: 'declined', paymentIntent: 'pi_2', charge: 'ch_2', error: decline });
    expect(outcomeOfError(new PaygateError('resource_missing', 'No such PaymentMethod'))).toMatchObject({ kind: 'refused' });
    expect(outcomeOfError(new Error('socket hang up'))).toMatchObject({ kind: 'unanswered' });
  });
});
