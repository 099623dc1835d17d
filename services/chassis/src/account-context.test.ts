import { signAccountContext, verifyAccountContext } from './account-context';

const secret = 'a-test-secret-that-is-long-enough-000';
const now = 1_800_000_000;

describe('account context', () => {
  it('round-trips an account', () => {
    const token = signAccountContext('acct_ABCDEFGH123', secret, now);
    expect(verifyAccountContext(token, secret, now + 10)).toEqual({ account: 'acct_ABCDEFGH123', keyType: 'secret' });
    const publishable = signAccountContext('acct_ABCDEFGH123', secret, now, 'publishable');
    expect(verifyAccountContext(publishable, secret, now)).toEqual({ account: 'acct_ABCDEFGH123', keyType: 'publishable' });
  });

  it('a service context round-trips and a secret one cannot be relabelled as it', () => {
    expect(verifyAccountContext(signAccountContext('acct_ABCDEFGH123', secret, now, 'service'), secret, now)).toEqual({ account: 'acct_ABCDEFGH123', keyType: 'service' });
    const [account, issued, , sig] = signAccountContext('acct_ABCDEFGH123', secret, now).split('.');
    expect(verifyAccountContext(`${account}.${issued}.i.${sig}`, secret, now)).toBeNull();
  });

  it('a publishable context cannot be relabelled as a secret one', () => {
    const [account, issued, , sig] = signAccountContext('acct_ABCDEFGH123', secret, now, 'publishable').split('.');
    expect(verifyAccountContext(`${account}.${issued}.s.${sig}`, secret, now)).toBeNull();
  });

  it('refuses a missing, malformed, forged, re-targeted or stale token', () => {
    const token = signAccountContext('acct_ABCDEFGH123', secret, now);
    expect(verifyAccountContext(undefined, secret, now)).toBeNull();
    expect(verifyAccountContext('acct_ABCDEFGH123', secret, now)).toBeNull();
    expect(verifyAccountContext(token, 'another-secret-that-is-long-enough-00', now)).toBeNull();
    const [, issued, scope, sig] = token.split('.');
    expect(verifyAccountContext(`acct_ZZZZZZZZ999.${issued}.${scope}.${sig}`, secret, now)).toBeNull();
    expect(verifyAccountContext(token, secret, now + 301)).toBeNull();
    expect(verifyAccountContext(token, secret, now - 301)).toBeNull();
  });

  it('will not sign something that is not an account id', () => {
    expect(() => signAccountContext('cus_123', secret, now)).toThrow();
  });
});
