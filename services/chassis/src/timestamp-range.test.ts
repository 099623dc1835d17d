import { timestampRange } from './timestamp-range';

describe('timestampRange', () => {
  it('keeps the bounds that are set', () => {
    expect(timestampRange({ gt: 10, lte: 20, gte: null }, 'created')).toEqual({ gt: 10, lte: 20 });
  });

  it('is undefined when nothing is set', () => {
    expect(timestampRange(undefined, 'created')).toBeUndefined();
    expect(timestampRange({ gt: null }, 'created')).toBeUndefined();
  });

  it('refuses a negative bound, naming the param', () => {
    expect(() => timestampRange({ lt: -1 }, 'arrival_date')).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer', details: { param: 'arrival_date[lt]' } }));
  });
});
