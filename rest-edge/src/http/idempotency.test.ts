import { canonicalJson, checkIdempotencyKey, requestHash } from './idempotency';

describe('idempotency request hashing', () => {
  it('is independent of param order but not of values, path or method', () => {
    const a = requestHash('post', '/v1/charges', { amount: '2000', currency: 'usd', metadata: { a: '1', b: '2' } });
    expect(requestHash('POST', '/v1/charges', { metadata: { b: '2', a: '1' }, currency: 'usd', amount: '2000' })).toBe(a);
    expect(requestHash('POST', '/v1/charges', { amount: '2001', currency: 'usd', metadata: { a: '1', b: '2' } })).not.toBe(a);
    expect(requestHash('POST', '/v1/customers', { amount: '2000', currency: 'usd', metadata: { a: '1', b: '2' } })).not.toBe(a);
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: null })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
  });

  it('takes keys of 1 to 255 characters', () => {
    expect(() => checkIdempotencyKey('k'.repeat(255))).not.toThrow();
    expect(() => checkIdempotencyKey('k'.repeat(256))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => checkIdempotencyKey('')).toThrow();
  });
});
