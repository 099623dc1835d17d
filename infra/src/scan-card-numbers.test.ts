import { cardNumberPattern, SECRET_PATTERN } from './scan-card-numbers';

describe('card number scan pattern', () => {
  const pattern = cardNumberPattern(['4242424242424242', '378282246310005']);

  it.each(['4242424242424242', '4242 4242 4242 4242', '4242-4242-4242-4242', '4242.4242.4242.4242', 'x"number":"378282246310005"x'])('finds %s', (text) => {
    expect(pattern.test(text)).toBe(true);
  });

  it.each(['424242424242424', '42424242424242421', 'last4 4242', 'pm_4242424242', '1424242424242424242'])('does not flag %s', (text) => {
    expect(pattern.test(text)).toBe(false);
  });
});

describe('secret scan pattern (log lines)', () => {
  it.each([
    'Authorization: Bearer sk_test_51H8abcDEF0123456789xyz',
    '{"key":"pk_test_0123456789abcdefABCDEF"}',
    'rk_live_abcdefgh12345678',
    '"secret":"whsec_AbC0123456789dEfGhIjKlMnOpQrStUv"',
  ])('finds %s', (text) => {
    expect(SECRET_PATTERN.test(text)).toBe(true);
  });

  it.each([
    'Invalid API Key provided: sk_test_****1234',
    'keys look like sk_test_… or pk_test_…',
    'prefix sk_test_ alone',
    'whsec_ then nothing',
    'task_test_0123456789abcdef',
    '"msg":"request completed","request_id":"req_0123456789abcd"',
  ])('does not flag %s', (text) => {
    expect(SECRET_PATTERN.test(text)).toBe(false);
  });
});
