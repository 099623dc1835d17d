import { decodeForm, decodeJson } from './form-body';

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

describe('JSON bodies decode to what the same form would', () => {
  it('turns scalars into qs’s strings and keeps objects and arrays', () => {
    const form = decodeForm('amount=2000&currency=usd&capture=false&metadata[order_id]=6735&expand[]=customer&description=');
    const json = decodeJson(JSON.stringify({ amount: 2000, currency: 'usd', capture: false, metadata: { order_id: '6735' }, expand: ['customer'], description: null }));
    expect(json).toEqual(form);
    expect(decodeJson('{"line_items":[{"quantity":2,"price_data":{"unit_amount":500}}]}')).toEqual(decodeForm('line_items[0][quantity]=2&line_items[0][price_data][unit_amount]=500'));
    expect(decodeJson('')).toEqual({});
  });

  it('keeps prototype keys inert', () => {
    const parsed = decodeJson('{"__proto__":{"polluted":"yes"},"metadata":{"constructor":"x"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBeNull();
  });

  it('refuses malformed JSON without quoting it, non-objects, and what qs refuses (depth, arrays, count, NUL)', () => {
    expect(() => decodeJson('{"number":"4242424242424242",')).toThrow(expect.objectContaining({ code: 'invalid_request', message: 'Invalid request: the body is not valid JSON.' }));
    for (const body of ['[1]', '"x"', '3', 'null']) expect(() => decodeJson(body)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeJson('{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}')).not.toThrow();
    expect(() => decodeJson('{"metadata":{"a":{"b":{"c":{"d":{"e":{"f":"1"}}}}}}}')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeJson(JSON.stringify({ expand: Array.from({ length: 101 }, () => 'x') }))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeJson(JSON.stringify(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 'v']))))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeJson('{"name":"a\\u0000b"}')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => decodeJson('{"metadata":{"a\\u0000":"b"}}')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
