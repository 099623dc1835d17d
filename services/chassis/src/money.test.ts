import { PaygateError } from './errors';
import { assertChargeAmount, cardFee, chargeFeeBreakdown, formatAmount, parseCurrency } from './money';

describe('cardFee (2.9% + 30, half up)', () => {
  it.each([
    [100, 33], // 2.9 → 3
    [1000, 59], // 29 exactly
    [2000, 88], // 58
    [50, 31], // 1.45 → 1
    [1724, 80], // 49.996 → 50
    [1550, 75], // 44.95 → 45
    [150, 34], // 4.35 → 4
    [5000, 175], // 145
    [1017, 59], // 29.493 → 29
    [18966, 580], // 550.014 → 550
    [17, 30], // 0.493 → 0
    [18, 31], // 0.522 → 1
    [99_999_999, 2_900_030], // 2899999.971 → 2900000
  ])('fee(%i) = %i', (amount, fee) => {
    expect(cardFee(amount)).toBe(fee);
  });

  it('rounds an exact half up, never to even', () => {
    // 2.9% of 500/29 is not an integer; pick amounts whose 2.9% ends in exactly .5: amount*29 % 1000 === 500
    const halves = [500, 1500, 2500].filter((a) => (a * 29) % 1000 === 500);
    expect(halves).toEqual([500, 1500, 2500]);
    expect(cardFee(500)).toBe(15 + 30); // 14.5 → 15
    expect(cardFee(1500)).toBe(44 + 30); // 43.5 → 44
    expect(cardFee(2500)).toBe(73 + 30); // 72.5 → 73
  });

  it('rejects fractions and negatives', () => {
    expect(() => cardFee(10.5)).toThrow(RangeError);
    expect(() => cardFee(-1)).toThrow(RangeError);
  });

  it('net is amount minus fee, fee details sum to the fee', () => {
    const b = chargeFeeBreakdown({ amount: 2000, currency: 'usd' });
    expect(b).toMatchObject({ fee: 88, net: 1912 });
    expect(b.feeDetails.reduce((s, d) => s + d.amount, 0)).toBe(88);
  });
});

describe('amounts and currencies', () => {
  it('lowercases a supported currency and rejects others with param', () => {
    expect(parseCurrency('USD')).toBe('usd');
    try {
      parseCurrency('xyz');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(PaygateError);
      expect((e as PaygateError).code).toBe('currency_invalid');
      expect((e as PaygateError).details.param).toBe('currency');
    }
  });

  it.each([
    [0, 'parameter_invalid_integer'],
    [-5, 'parameter_invalid_integer'],
    [49, 'amount_too_small'],
    [100_000_000, 'amount_too_large'],
  ])('amount %i → %s', (amount, code) => {
    expect(() => assertChargeAmount({ amount, currency: 'usd' })).toThrow(expect.objectContaining({ code }));
  });

  it('accepts the minimum', () => {
    expect(() => assertChargeAmount({ amount: 50, currency: 'usd' })).not.toThrow();
  });

  it('formats minor units without floats', () => {
    expect(formatAmount({ amount: 50, currency: 'usd' })).toBe('0.50 usd');
    expect(formatAmount({ amount: 123456, currency: 'eur' })).toBe('1234.56 eur');
    expect(formatAmount({ amount: 500, currency: 'jpy' })).toBe('500 jpy');
  });
});
