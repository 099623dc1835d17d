import { keyFromAuthorization } from './auth';

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
