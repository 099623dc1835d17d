import { readCheckoutForm, TRIGGER_EVENTS } from './trigger';

describe('trigger', () => {
  it('supports the events the issue names', () => {
    expect(TRIGGER_EVENTS).toEqual(
      expect.arrayContaining([
        'payment_intent.succeeded',
        'payment_intent.payment_failed',
        'charge.succeeded',
        'charge.captured',
        'charge.refunded',
        'customer.created',
        'checkout.session.completed',
        'invoice.paid',
        'payout.paid',
      ]),
    );
  });

  it("reads the hosted checkout page's form as a browser would: action, hidden fields, entities decoded", () => {
    const html = `<form method="post" action="/c/pay/cs_test_abc" novalidate><input type="hidden" name="merchant" value="acct_123"><input type="hidden" name="secret" value="cps_a&amp;b">
<label for="email">Email</label><input id="email" name="email" type="email" value="x@example.com"></form>`;
    const form = readCheckoutForm(html, 'http://127.0.0.1:4000/c/pay/cs_test_abc?merchant=acct_123&secret=cps_ab');
    expect(form.action.href).toBe('http://127.0.0.1:4000/c/pay/cs_test_abc');
    expect(form.hidden).toEqual({ merchant: 'acct_123', secret: 'cps_a&b' });
  });

  it('a page without the form (a session already complete or expired) is an error', () => {
    expect(() => readCheckoutForm('<h1 id="result">Payment complete</h1>', 'http://127.0.0.1:4000/c/pay/cs_test_abc')).toThrow(/no payment form/);
  });
});
