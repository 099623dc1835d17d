import { checkoutPageSecretMatches, checkoutPageUrl, checkoutReturnUrl, newCheckoutPageSecret } from './checkout-page';

describe('the hosted checkout page link', () => {
  it('is a random secret, compared whole', () => {
    const secret = newCheckoutPageSecret();
    expect(secret).toMatch(/^cps_[0-9A-Za-z]{32}$/);
    expect(newCheckoutPageSecret()).not.toBe(secret);
    expect(checkoutPageSecretMatches(secret, secret)).toBe(true);
    expect(checkoutPageSecretMatches(secret, secret.slice(0, -1))).toBe(false);
    expect(checkoutPageSecretMatches(secret, `${secret}x`)).toBe(false);
    expect(checkoutPageSecretMatches(null, secret)).toBe(false);
    expect(checkoutPageSecretMatches(secret, undefined)).toBe(false);
  });

  it('lives at the edge, naming the account and the secret', () => {
    const target = { id: 'cs_test_abc', account: 'acct_12345678', pageSecret: 'cps_s3cret' };
    expect(checkoutPageUrl('http://127.0.0.1:4000/', target)).toBe('http://127.0.0.1:4000/c/pay/cs_test_abc?merchant=acct_12345678&secret=cps_s3cret');
    expect(checkoutReturnUrl('https://pay.example', target)).toBe('https://pay.example/c/pay/cs_test_abc/return?merchant=acct_12345678&secret=cps_s3cret');
  });
});
