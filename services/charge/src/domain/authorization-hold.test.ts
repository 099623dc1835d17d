import { AUTHORIZATION_HOLD_SECONDS, expiryCutoff, isExpired } from './authorization-hold';

describe('the 7-day authorization hold', () => {
  const authorizedAt = 1_800_000_000;

  it('holds for 7 days to the second, then expires', () => {
    expect(AUTHORIZATION_HOLD_SECONDS).toBe(604_800);
    expect(isExpired(authorizedAt, authorizedAt)).toBe(false);
    expect(isExpired(authorizedAt, authorizedAt + 604_799)).toBe(false);
    expect(isExpired(authorizedAt, authorizedAt + 604_800)).toBe(true);
    expect(isExpired(authorizedAt, authorizedAt + 30 * 86_400)).toBe(true);
  });

  it('the cutoff selects exactly the expired ones', () => {
    const now = authorizedAt + 604_800;
    expect(expiryCutoff(now)).toBe(authorizedAt);
    expect(isExpired(expiryCutoff(now), now)).toBe(true);
    expect(isExpired(expiryCutoff(now) + 1, now)).toBe(false);
  });
});
