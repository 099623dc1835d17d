import { invoiceSearchWhere } from './invoice-search';

describe('invoice search → filter', () => {
  it('matches customer, status, currency exactly and total numerically', () => {
    expect(invoiceSearchWhere("customer:'cus_1' AND status:'open' AND total>=1000 AND currency:'USD'")).toEqual({
      AND: [{ customerId: 'cus_1' }, { status: 'open' }, { total: { gte: 1000 } }, { currency: 'usd' }],
    });
  });

  it('matches metadata and numbers, substrings of numbers, created ranges, with OR', () => {
    expect(invoiceSearchWhere('metadata["order"]:"42" OR number~"ABC" OR created<100')).toEqual({
      OR: [{ metadata: { path: ['order'], equals: '42' } }, { number: { contains: 'ABC' } }, { created: { lt: 100 } }],
    });
  });

  it('a negated number keeps invoices without one', () => {
    expect(invoiceSearchWhere('-number:"ABC-0001"')).toEqual({ AND: [{ OR: [{ NOT: { number: 'ABC-0001' } }, { number: null }] }] });
  });

  it.each(['email:"x@y.z"', 'status:"paidish"', 'customer~"cus"', 'total:"a"'])('refuses %s with search_query_invalid', (query) => {
    expect(() => invoiceSearchWhere(query)).toThrow(expect.objectContaining({ code: 'search_query_invalid', details: { param: 'query' } }));
  });
});
