import { binBrandOf, luhnValid, normalizeCardNumber, redactCardNumbers } from './card-number';

describe('normalizeCardNumber', () => {
  it.each([
    ['4242 4242 4242 4242', '4242424242424242'],
    ['4242-4242-4242-4242', '4242424242424242'],
    ['4242.4242.4242.4242', '4242424242424242'],
    [' 378282246310005 ', '378282246310005'],
  ])('%p → %p', (raw, digits) => expect(normalizeCardNumber(raw)).toBe(digits));

  it.each(['', '4242', '4242x4242424242424', '42424242424242424242', 'tok_visa'])('%p is not a card number', (raw) => {
    expect(normalizeCardNumber(raw)).toBeNull();
  });
});

describe('luhnValid', () => {
  it.each(['4242424242424242', '378282246310005', '6011111111111117', '3056930009020004', '6200000000000005', '4000000000000002'])(
    '%p passes', (n) => expect(luhnValid(n)).toBe(true));
  it.each(['4242424242424241', '4000000000000001', '378282246310006'])('%p fails', (n) => expect(luhnValid(n)).toBe(false));
});

describe('binBrandOf', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['371449635398431', 'amex'],
    ['6011000990139424', 'discover'],
    ['6500000000000002', 'discover'],
    ['36227206271667', 'diners'],
    ['3530111333300000', 'jcb'],
    ['6200000000000047', 'unionpay'],
    ['9999999999999995', 'unknown'],
  ])('%p is %p', (n, brand) => expect(binBrandOf(n)).toBe(brand));
});

describe('redactCardNumbers', () => {
  it.each([
    ["No such token: 'tok_4242424242424242'", "No such token: 'tok_[redacted]'"],
    ['4242 4242 4242 4242', '[redacted]'],
    ['x 4242-4242-4242-4242 y', 'x [redacted] y'],
    ['pm_1234567890', 'pm_1234567890'],
  ])('%p → %p', (text, shown) => expect(redactCardNumbers(text)).toBe(shown));
});
