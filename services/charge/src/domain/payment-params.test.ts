import { assertCaptureAmount, assertStatementDescriptors, calculatedStatementDescriptor, parseMoney, parsePaymentMethodTypes } from './payment-params';

describe('payment parameters', () => {
  it('amount and currency with Stripe’s errors and params', () => {
    expect(parseMoney(2000, 'USD')).toEqual({ amount: 2000, currency: 'usd' });
    expect(() => parseMoney(100_000_000, 'usd')).toThrow(expect.objectContaining({ code: 'amount_too_large', details: { param: 'amount' } }));
    expect(() => parseMoney(49, 'usd')).toThrow(expect.objectContaining({ code: 'amount_too_small', details: { param: 'amount' } }));
    expect(() => parseMoney(0, 'usd')).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer' }));
    expect(() => parseMoney(2000, 'zzz')).toThrow(expect.objectContaining({ details: { param: 'currency' } }));
  });

  it('a capture takes at most what is held', () => {
    expect(() => assertCaptureAmount(1500, { amount: 1500, currency: 'usd' }, 'amount_to_capture')).not.toThrow();
    expect(() => assertCaptureAmount(1501, { amount: 1500, currency: 'usd' }, 'amount_to_capture')).toThrow(
      expect.objectContaining({ code: 'amount_too_large', details: { param: 'amount_to_capture' }, message: expect.stringContaining('greater than the amount capturable') }),
    );
    expect(() => assertCaptureAmount(-5, { amount: 1500, currency: 'usd' }, 'amount')).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer', details: { param: 'amount' } }));
  });

  it('statement descriptors are at most 22 characters', () => {
    expect(() => assertStatementDescriptors({ statementDescriptorSuffix: 'ORDER 42' })).not.toThrow();
    expect(() => assertStatementDescriptors({ statementDescriptor: 'X'.repeat(23) })).toThrow(expect.objectContaining({ details: { param: 'statement_descriptor' } }));
    expect(calculatedStatementDescriptor('PAYGATE', 'ORDER 42')).toBe('PAYGATE* ORDER 42');
    expect(calculatedStatementDescriptor('PAYGATE', null)).toBe('PAYGATE');
  });

  it('cards are the one payment method type; automatic_payment_methods excludes payment_method_types', () => {
    expect(parsePaymentMethodTypes(undefined, undefined)).toEqual(['card']);
    expect(parsePaymentMethodTypes(undefined, { enabled: true })).toEqual(['card']);
    expect(() => parsePaymentMethodTypes(['card'], { enabled: true })).toThrow(expect.objectContaining({ code: 'parameters_exclusive' }));
    expect(() => parsePaymentMethodTypes(['sepa_debit'], null)).toThrow(expect.objectContaining({ details: { param: 'payment_method_types' } }));
  });
});
