import Stripe from 'stripe';
import { newEndpointSecret, signatureHeader } from './webhook-signature';

describe('webhook signature', () => {
  it('is what the official library verifies, and only with the right secret and body', () => {
    const stripe = new Stripe('sk_test_x');
    const secret = newEndpointSecret();
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1' } } });
    const header = signatureHeader(secret, body, Math.floor(Date.now() / 1000));
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(body, header, secret).id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(body, header, newEndpointSecret())).toThrow();
    expect(() => stripe.webhooks.constructEvent(`${body} `, header, secret)).toThrow();
  });

  it('is refused outside the tolerance the library allows', () => {
    const stripe = new Stripe('sk_test_x');
    const secret = newEndpointSecret();
    const header = signatureHeader(secret, '{}', Math.floor(Date.now() / 1000) - 600);
    expect(() => stripe.webhooks.constructEvent('{}', header, secret)).toThrow(/tolerance/i);
  });
});
