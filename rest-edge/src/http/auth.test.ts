import { cachedKeyLookup, keyFromAuthorization } from './auth';

describe('API key from Authorization', () => {
  it('reads Bearer and Basic (key as user, empty password)', () => {
    expect(keyFromAuthorization('Bearer sk_test_abc')).toBe('sk_test_abc');
    expect(keyFromAuthorization(`Basic ${Buffer.from('sk_test_abc:').toString('base64')}`)).toBe('sk_test_abc');
  });

  it('rejects anything else', () => {
    expect(keyFromAuthorization(undefined)).toBeNull();
    expect(keyFromAuthorization('Token sk_test_abc')).toBeNull();
    expect(keyFromAuthorization('Bearer')).toBeNull();
    expect(keyFromAuthorization(`Basic ${Buffer.from(':pw').toString('base64')}`)).toBeNull();
  });
});

describe('API key cache', () => {
  it('remembers a found key for the TTL, then asks again (a revoked key stops working within it)', async () => {
    let clock = 0;
    let owner: { account: string; type: 'secret' } | null = { account: 'acct_1', type: 'secret' };
    let lookups = 0;
    const lookup = cachedKeyLookup(async () => {
      lookups += 1;
      return owner;
    }, 5_000, () => clock);
    expect(await lookup('sk_test_a')).toEqual({ account: 'acct_1', type: 'secret' });
    owner = null; // revoked
    clock = 4_999;
    expect(await lookup('sk_test_a')).toEqual({ account: 'acct_1', type: 'secret' });
    expect(lookups).toBe(1);
    clock = 5_000;
    expect(await lookup('sk_test_a')).toBeNull();
    expect(lookups).toBe(2);
  });

  it('does not remember an unknown key (a key created a moment later works at once)', async () => {
    let owner: { account: string; type: 'secret' } | null = null;
    const lookup = cachedKeyLookup(async () => owner, 5_000, () => 0);
    expect(await lookup('sk_test_b')).toBeNull();
    owner = { account: 'acct_2', type: 'secret' };
    expect(await lookup('sk_test_b')).toEqual({ account: 'acct_2', type: 'secret' });
  });
});
