import { cardNumberPattern } from './scan-card-numbers';

describe('card number scan pattern', () => {
  const pattern = cardNumberPattern(['4242424242424242', '378282246310005']);

  it.each(['4242424242424242', '4242 4242 4242 4242', '4242-4242-4242-4242', '4242.4242.4242.4242', 'x"number":"378282246310005"x'])('finds %s', (text) => {
    expect(pattern.test(text)).toBe(true);
  });

  it.each(['424242424242424', '42424242424242421', 'last4 4242', 'pm_4242424242', '1424242424242424242'])('does not flag %s', (text) => {
    expect(pattern.test(text)).toBe(false);
  });
});
