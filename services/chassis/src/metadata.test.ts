import { mergeMetadata, validateMetadataPatch } from './metadata';

describe('metadata', () => {
  it('merges keys, removes on empty string, clears on null', () => {
    expect(mergeMetadata({ a: '1', b: '2' }, { b: '', c: '3' })).toEqual({ a: '1', c: '3' });
    expect(mergeMetadata({ a: '1' }, null)).toEqual({});
    expect(mergeMetadata({ a: '1' }, undefined)).toEqual({ a: '1' });
  });

  it('caps keys at 50 after the merge', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(Object.keys(mergeMetadata({}, fifty))).toHaveLength(50);
    expect(() => mergeMetadata(fifty, { extra: 'v' })).toThrow(expect.objectContaining({ code: 'metadata_invalid', details: { param: 'metadata' } }));
    expect(Object.keys(mergeMetadata(fifty, { k0: '', extra: 'v' }))).toHaveLength(50);
  });

  it('enforces key and value lengths with the offending param', () => {
    expect(() => validateMetadataPatch({ ['k'.repeat(41)]: 'v' })).toThrow(expect.objectContaining({ code: 'metadata_invalid' }));
    expect(() => validateMetadataPatch({ ['k'.repeat(40)]: 'v' })).not.toThrow();
    expect(() => validateMetadataPatch({ note: 'x'.repeat(501) })).toThrow(expect.objectContaining({ details: { param: 'metadata[note]' } }));
    expect(() => validateMetadataPatch({ note: 'x'.repeat(500) })).not.toThrow();
    expect(() => validateMetadataPatch({ 'a[b]': 'x' })).toThrow();
    expect(() => validateMetadataPatch({ n: 5 })).toThrow();
    expect(() => validateMetadataPatch(['x'])).toThrow();
  });
});
