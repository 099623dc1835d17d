import { keyActiveAt } from './accounts';

describe('an API key is active', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('while never revoked', () => {
    expect(keyActiveAt(null, now)).toBe(true);
  });

  it('until a revocation still to come (a key roll with a grace period)', () => {
    expect(keyActiveAt(new Date(now.getTime() + 1), now)).toBe(true);
    expect(keyActiveAt(new Date(now.getTime() + 3_600_000), now)).toBe(true);
  });

  it('not from the moment it is revoked', () => {
    expect(keyActiveAt(now, now)).toBe(false);
    expect(keyActiveAt(new Date(now.getTime() - 1), now)).toBe(false);
  });
});
