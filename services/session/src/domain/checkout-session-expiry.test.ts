import { checkoutSessionExpiresAt, isPastExpiry } from './checkout-session-expiry';

const created = 1_700_000_000;

describe('checkout session expires_at', () => {
  it('defaults to 24 hours after creation', () => {
    expect(checkoutSessionExpiresAt(created)).toBe(created + 86_400);
    expect(checkoutSessionExpiresAt(created, null)).toBe(created + 86_400);
  });

  it('accepts the bounds themselves', () => {
    expect(checkoutSessionExpiresAt(created, created + 1_800)).toBe(created + 1_800);
    expect(checkoutSessionExpiresAt(created, created + 86_400)).toBe(created + 86_400);
  });

  it.each([
    [created + 1_799, /at least 30 minutes/],
    [created - 60, /at least 30 minutes/],
    [created + 86_401, /less than 24 hours/],
  ])('rejects %d', (requested, message) => {
    expect(() => checkoutSessionExpiresAt(created, requested)).toThrow(message);
    expect(() => checkoutSessionExpiresAt(created, requested)).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { param: 'expires_at' } }),
    );
  });

  it('rejects a non-integer', () => {
    expect(() => checkoutSessionExpiresAt(created, created + 3_600.5)).toThrow(
      expect.objectContaining({ code: 'parameter_invalid_integer', details: { param: 'expires_at' } }),
    );
  });

  it('is past expiry from expires_at on', () => {
    expect(isPastExpiry(created + 100, created + 99)).toBe(false);
    expect(isPastExpiry(created + 100, created + 100)).toBe(true);
  });
});
