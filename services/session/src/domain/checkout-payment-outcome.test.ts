import { checkoutPaymentOutcome } from './checkout-payment-outcome';

describe('what a session makes of its PaymentIntent', () => {
  it.each([
    ['succeeded', { kind: 'complete', paymentStatus: 'paid' }],
    ['requires_capture', { kind: 'complete', paymentStatus: 'unpaid' }],
    ['requires_action', { kind: 'authenticate' }],
    ['requires_payment_method', { kind: 'retry' }],
    ['requires_confirmation', { kind: 'retry' }],
    ['processing', { kind: 'retry' }],
    ['canceled', { kind: 'void' }],
  ] as const)('%s → %p', (status, outcome) => {
    expect(checkoutPaymentOutcome(status)).toEqual(outcome);
  });
});
