import { parsePayoutCreate } from './payout-params';

describe('payout create params', () => {
  const base = { amount: 1_000, currency: 'USD' };

  it('defaults to a standard payout and lowercases the currency', () => {
    expect(parsePayoutCreate(base)).toEqual({ amount: 1_000, currency: 'usd', description: null, destination: null, metadata: {}, method: 'standard', statementDescriptor: null });
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: 100_000_000 }],
    ['currency', { currency: 'xyz' }],
    ['description', { description: 'x'.repeat(1_001) }],
    ['statement_descriptor', { statementDescriptor: 'x'.repeat(23) }],
    ['statement_descriptor', { statementDescriptor: 'a<b' }],
    ['method', { method: 'express' }],
    ['source_type', { sourceType: 'bank_account' }],
    ['metadata[kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk]', { metadata: { ['k'.repeat(41)]: 'v' } }],
  ])('refuses a bad %s', (param, change) => {
    expect(() => parsePayoutCreate({ ...base, ...change })).toThrow(expect.objectContaining({ details: expect.objectContaining({ param }) }));
  });

  it('takes a description of 1000 characters and an instant method', () => {
    expect(parsePayoutCreate({ ...base, description: 'x'.repeat(1_000), method: 'instant' })).toMatchObject({ method: 'instant' });
  });
});
