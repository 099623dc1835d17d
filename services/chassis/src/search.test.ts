import { decodePageToken, encodePageToken, parseSearchFor, parseSearchQuery } from './search';

const fields = { email: 'string', name: 'string', created: 'number', metadata: 'metadata' } as const;

describe('search query parsing', () => {
  it('parses an exact clause with either quote', () => {
    expect(parseSearchQuery(`email:'a@b.co'`)).toEqual({ combinator: 'AND', clauses: [{ field: 'email', op: ':', value: 'a@b.co', negated: false }] });
    expect(parseSearchQuery(`name:"Jane \\"J\\" Doe"`).clauses[0]!.value).toBe('Jane "J" Doe');
  });

  it('parses substring, negation, metadata and numbers', () => {
    const q = parseSearchQuery(`name~'jan' AND -email:'x@y.z' AND metadata['order_id']:'6735' AND created>=1700000000`);
    expect(q.combinator).toBe('AND');
    expect(q.clauses).toEqual([
      { field: 'name', op: '~', value: 'jan', negated: false },
      { field: 'email', op: ':', value: 'x@y.z', negated: true },
      { field: 'metadata', metadataKey: 'order_id', op: ':', value: '6735', negated: false },
      { field: 'created', op: '>=', value: 1700000000, negated: false },
    ]);
  });

  it('takes OR, lower-case keywords, and a bare space as AND', () => {
    expect(parseSearchQuery(`email:'a' or email:'b'`).combinator).toBe('OR');
    expect(parseSearchQuery(`email:'a' name:'b'`).combinator).toBe('AND');
    expect(parseSearchQuery(`email:null`).clauses[0]!.value).toBeNull();
  });

  it.each([
    [`email:'a' AND name:'b' OR name:'c'`, /mix AND and OR/],
    [`email:'a' name:'b' OR name:'c'`, /mix AND and OR/],
    [``, /empty/],
    [`email`, /Expected one of/],
    [`email:'open`, /Unterminated/],
    [`email:'a' AND`, /./],
    [`metadata:'x'`, /metadata/],
    [`amount:1.5`, /integers/],
    [Array.from({ length: 11 }, (_, i) => `email:'${i}'`).join(' OR '), /at most 10/],
  ])('rejects %p', (query, message) => {
    expect(() => parseSearchQuery(query)).toThrow(expect.objectContaining({ code: 'search_query_invalid', details: { param: 'query' }, message: expect.stringMatching(message) }));
  });

  it('checks fields and operators against the resource', () => {
    expect(() => parseSearchFor(`phone:'1'`, fields)).toThrow(/not supported/);
    expect(() => parseSearchFor(`email>'a'`, fields)).toThrow(/does not support/);
    expect(() => parseSearchFor(`created:'x'`, fields)).toThrow(/integer/);
    expect(() => parseSearchFor(`name~'ab'`, fields)).toThrow(/at least 3/);
    expect(parseSearchFor(`created>5 AND name~'abc'`, fields).clauses).toHaveLength(2);
  });

  it('round-trips page tokens and rejects forged ones', () => {
    expect(decodePageToken(encodePageToken(123n))).toBe(123n);
    expect(() => decodePageToken('bm9wZQ')).toThrow(expect.objectContaining({ details: { param: 'page' } }));
  });
});
