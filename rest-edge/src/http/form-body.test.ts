import { decodeForm } from './form-body';

describe('form decoding (qs)', () => {
  it('decodes bracket nesting, arrays and plus-spaces', () => {
    expect(decodeForm('metadata[order_id]=6735&expand[]=customer&expand[]=balance_transaction&name=Jane+Doe&address[line1]=1%20Main')).toEqual({
      metadata: { order_id: '6735' },
      expand: ['customer', 'balance_transaction'],
      name: 'Jane Doe',
      address: { line1: '1 Main' },
    });
  });

  it('keeps prototype keys inert', () => {
    const parsed = decodeForm('__proto__[polluted]=yes&constructor[prototype][x]=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBeNull();
  });

  it('refuses malformed %-escapes, absurd depth and too many params', () => {
    expect(() => decodeForm('name=%E0%A4%A')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeForm('name=a%00b')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeForm('metadata[a%00]=b')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeForm('a[b][c][d][e][f][g]=1')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeForm(Array.from({ length: 1001 }, (_, i) => `k${i}=v`).join('&'))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
