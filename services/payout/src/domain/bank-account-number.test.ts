import { assertAccountNumber, assertRoutingNumber, bankAccountFingerprint, last4Of } from './bank-account-number';
import { payoutFailureMessage, testFailureCodeOf } from './test-bank-accounts';

describe('bank account numbers', () => {
  it('keep digits only and check their length', () => {
    expect(assertRoutingNumber('US', '110-000-000')).toBe('110000000');
    expect(() => assertRoutingNumber('US', '11000')).toThrow(expect.objectContaining({ details: { param: 'external_account[routing_number]' } }));
    expect(assertAccountNumber('000123456789')).toBe('000123456789');
    expect(() => assertAccountNumber('12a4')).toThrow(expect.objectContaining({ details: { param: 'external_account[account_number]' } }));
  });

  it('fingerprint the same account the same way under one key, differently under another, never showing the number', () => {
    const a = bankAccountFingerprint('k'.repeat(32), 'US', '110000000', '000123456789');
    expect(a).toBe(bankAccountFingerprint('k'.repeat(32), 'US', '110000000', '000123456789'));
    expect(a).not.toBe(bankAccountFingerprint('j'.repeat(32), 'US', '110000000', '000123456789'));
    expect(a).toHaveLength(16);
    expect(a).not.toContain('6789');
    expect(last4Of('000123456789')).toBe('6789');
  });
});

describe("Stripe's test bank accounts", () => {
  it.each([
    ['000123456789', null],
    ['000111111116', 'no_account'],
    ['000111111113', 'account_closed'],
    ['000222222227', 'insufficient_funds'],
    ['000333333335', 'debit_not_authorized'],
    ['000444444440', 'invalid_currency'],
    ['111111116', 'no_account'],
  ])('%s ends %s', (number, code) => {
    expect(testFailureCodeOf(number)).toBe(code);
  });

  it('has a message for each failure', () => {
    expect(payoutFailureMessage('no_account')).toMatch(/No bank account could be located/);
  });
});
