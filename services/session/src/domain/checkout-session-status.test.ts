import {
  canExpire,
  CHECKOUT_SESSION_MODES,
  CHECKOUT_SESSION_PAYMENT_STATUSES,
  CHECKOUT_SESSION_STATUSES,
  initialPaymentStatus,
  isTerminal,
  parseCheckoutSessionMode,
  parseCheckoutSessionPaymentStatus,
  parseCheckoutSessionStatus,
} from './checkout-session-status';

describe('checkout session statuses', () => {
  it("uses Stripe's wire values", () => {
    expect(CHECKOUT_SESSION_STATUSES).toEqual(['open', 'complete', 'expired']);
    expect(CHECKOUT_SESSION_PAYMENT_STATUSES).toEqual(['paid', 'unpaid', 'no_payment_required']);
    expect(CHECKOUT_SESSION_MODES).toEqual(['payment', 'setup', 'subscription']);
  });

  it.each([
    ['open', false],
    ['complete', true],
    ['expired', true],
  ] as const)('%s is terminal: %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
    expect(canExpire(status)).toBe(!terminal);
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parseCheckoutSessionStatus('complete')).toBe('complete');
    expect(parseCheckoutSessionPaymentStatus('no_payment_required')).toBe('no_payment_required');
    expect(parseCheckoutSessionMode('setup')).toBe('setup');
    expect(() => parseCheckoutSessionStatus('completed')).toThrow(/status 'completed'/);
    expect(() => parseCheckoutSessionPaymentStatus('PAID')).toThrow(/payment_status/);
    expect(() => parseCheckoutSessionMode('donation')).toThrow(/mode/);
  });

  it('needs no payment in setup mode or for a zero total, otherwise starts unpaid', () => {
    expect(initialPaymentStatus('setup', null)).toBe('no_payment_required');
    expect(initialPaymentStatus('payment', 0)).toBe('no_payment_required');
    expect(initialPaymentStatus('payment', 2000)).toBe('unpaid');
    expect(initialPaymentStatus('subscription', 500)).toBe('unpaid');
  });
});
