import { hasIdShape, ID_PREFIXES, newId, randomBase62 } from './ids';

describe('ids', () => {
  it('are Stripe-style: prefix + base62', () => {
    expect(newId('customer')).toMatch(/^cus_[0-9A-Za-z]{24}$/);
    expect(newId('charge')).toMatch(/^ch_[0-9A-Za-z]{24}$/);
    expect(newId('balanceTransaction')).toMatch(/^txn_[0-9A-Za-z]{24}$/);
    expect(newId('request', 14)).toMatch(/^req_[0-9A-Za-z]{14}$/);
    expect(hasIdShape('customer', newId('customer'))).toBe(true);
    expect(hasIdShape('customer', 'cus_abc-def')).toBe(false);
    expect(hasIdShape('customer', newId('charge'))).toBe(false);
  });

  it('do not repeat and use the whole alphabet', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('event')));
    expect(ids.size).toBe(5000);
    const seen = new Set(randomBase62(20_000));
    expect(seen.size).toBe(62);
  });

  it('every prefix is distinct', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
