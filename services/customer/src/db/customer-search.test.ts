import { customerSearchWhere, likeLiteral } from './customer-search';

describe('customer search → Prisma filter', () => {
  it('maps exact, substring, numeric and metadata clauses', () => {
    expect(customerSearchWhere(`email:'Jane@Example.com' AND name~'jan' AND created>1700000000 AND metadata['plan']:'pro'`)).toEqual({
      AND: [
        { email: { equals: 'Jane@Example.com', mode: 'insensitive' } },
        { name: { contains: 'jan', mode: 'insensitive' } },
        { created: { gt: 1700000000 } },
        { metadata: { path: ['plan'], equals: 'pro' } },
      ],
    });
  });

  it('keeps customers without a value under negation, and ORs', () => {
    expect(customerSearchWhere(`-email:'a@b.co' OR phone:null`)).toEqual({
      OR: [{ OR: [{ NOT: { email: { equals: 'a@b.co', mode: 'insensitive' } } }, { email: null }] }, { phone: null }],
    });
  });

  it('refuses fields customers are not searchable by', () => {
    expect(() => customerSearchWhere(`amount>5`)).toThrow(/not supported/);
  });

  it('escapes LIKE wildcards in substring values', () => {
    expect(likeLiteral('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(customerSearchWhere(`name~'%_%'`)).toEqual({ AND: [{ name: { contains: '\\%\\_\\%', mode: 'insensitive' } }] });
  });
});
