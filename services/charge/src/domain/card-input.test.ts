import { PaygateError } from '@paygate/chassis';
import { checkRawCard } from './card-input';

// 2026-12-01T12:00:00Z
const now = Date.UTC(2026, 11, 1, 12) / 1000;

function errorOf(run: () => unknown): PaygateError {
  try {
    run();
  } catch (err) {
    return err as PaygateError;
  }
  throw new Error('expected a card error');
}

describe('checkRawCard', () => {
  it('normalizes spaces, dots and dashes and keeps a two-digit year as 20xx', () => {
    expect(checkRawCard({ number: '4242 4242-4242.4242', expMonth: 12, expYear: 26, cvc: '123' }, now)).toEqual({ number: '4242424242424242', expMonth: 12, expYear: 2026, cvcProvided: true });
    expect(checkRawCard({ number: '4242424242424242', expMonth: 1, expYear: 2030 }, now).cvcProvided).toBe(false);
  });

  it.each([
    [{ number: '4242424242424241', expMonth: 1, expYear: 2030 }, 'incorrect_number', 'number'],
    [{ number: '4242 4242', expMonth: 1, expYear: 2030 }, 'incorrect_number', 'number'],
    [{ number: '4242x42424242424', expMonth: 1, expYear: 2030 }, 'invalid_number', 'number'],
    [{ number: '4242424242424242', expMonth: 13, expYear: 2030 }, 'invalid_expiry_month', 'exp_month'],
    [{ number: '4242424242424242', expMonth: 0, expYear: 2030 }, 'invalid_expiry_month', 'exp_month'],
    [{ number: '4242424242424242', expMonth: 1, expYear: 2025 }, 'invalid_expiry_year', 'exp_year'],
    [{ number: '4242424242424242', expMonth: 11, expYear: 2026 }, 'invalid_expiry_year', 'exp_year'],
    [{ number: '4242424242424242', expMonth: 1, expYear: 2100 }, 'invalid_expiry_year', 'exp_year'],
    [{ number: '4242424242424242', expMonth: 1, expYear: 2030, cvc: '12' }, 'invalid_cvc', 'cvc'],
    [{ number: '4242424242424242', expMonth: 1, expYear: 2030, cvc: '1234' }, 'invalid_cvc', 'cvc'],
    [{ number: '378282246310005', expMonth: 1, expYear: 2030, cvc: '123' }, 'invalid_cvc', 'cvc'],
  ])('%p → %s on %s, never echoing the number', (card, code, param) => {
    const err = errorOf(() => checkRawCard(card, now));
    expect(err).toBeInstanceOf(PaygateError);
    expect(err.code).toBe(code);
    expect(err.details.param).toBe(param);
    expect(err.message).not.toMatch(/\d{4}/);
  });

  it('accepts this month and a 4-digit amex CVC', () => {
    expect(checkRawCard({ number: '378282246310005', expMonth: 12, expYear: 2026, cvc: '1234' }, now).expMonth).toBe(12);
  });
});
