import Stripe from 'stripe';
import { newSigningSecret, signatureHeader } from './signature';

const verifier = new Stripe('sk_test_verifier');

describe('Stripe-Signature of a forwarded event', () => {
  const secret = 'whsec_test_secret_for_unit_tests_0000';
  const body = JSON.stringify({ id: 'evt_123', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 2000 } } });

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">, the known value for a fixed input', () => {
    expect(signatureHeader('whsec_abc', '{"id":"evt_1"}', 1_700_000_000)).toBe('t=1700000000,v1=79f159714a0d01d9505691104b38e71f0dbb0d4bdeef387b113d07b870f50db3');
  });

  it('is what the official library verifies, and it refuses another secret or a changed body', () => {
    const header = signatureHeader(secret, body);
    expect(verifier.webhooks.constructEvent(body, header, secret)).toMatchObject({ id: 'evt_123', type: 'payment_intent.succeeded' });
    expect(() => verifier.webhooks.constructEvent(body, header, 'whsec_other')).toThrow();
    expect(() => verifier.webhooks.constructEvent(body.replace('2000', '2001'), header, secret)).toThrow();
  });

  it('an old timestamp falls outside the library tolerance (300 s)', () => {
    const header = signatureHeader(secret, body, Math.floor(Date.now() / 1000) - 600);
    expect(() => verifier.webhooks.constructEvent(body, header, secret)).toThrow(/tolerance/i);
  });

  it('secrets are whsec_ and 32 base62 characters, different each time', () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(newSigningSecret()).not.toBe(a);
  });
});
