import { planCheckoutSession, successUrlFor, type CheckoutSessionCreateParams } from './checkout-session-params';

const now = 1_800_000_000;
const line = (unitAmount = 1500, quantity = 2, currency = 'usd') => ({ priceData: { currency, unitAmount, productData: { name: 'T-shirt', description: 'Cotton' } }, quantity });
const valid: CheckoutSessionCreateParams = { mode: 'payment', lineItems: [line(), line(500, 1)], successUrl: 'https://shop.example/ok?s={CHECKOUT_SESSION_ID}' };
const refusal = (input: Partial<CheckoutSessionCreateParams>) => {
  try {
    planCheckoutSession({ ...valid, ...input }, now);
  } catch (err) {
    return err as { code: string; message: string; details: { param?: string } };
  }
  throw new Error('expected a refusal');
};

describe('planCheckoutSession', () => {
  it('sums the lines, starts unpaid, defaults expires_at to 24 h and customer_creation to if_required', () => {
    const plan = planCheckoutSession(valid, now);
    expect(plan).toMatchObject({ mode: 'payment', currency: 'usd', amountSubtotal: 3500, amountTotal: 3500, paymentStatus: 'unpaid', expiresAt: now + 86_400, customerCreation: 'if_required', customer: null });
    expect(plan.lines.map((l) => [l.description, l.productDescription, l.amountTotal])).toEqual([['T-shirt', 'Cotton', 3000], ['T-shirt', 'Cotton', 500]]);
  });

  it('keeps customer_creation null when a customer is given', () => {
    expect(planCheckoutSession({ ...valid, customer: 'cus_1' }, now).customerCreation).toBeNull();
  });

  it.each([
    [{ mode: 'subscription' as const }, 'mode', /only `mode=payment`/],
    [{ mode: 'setup' as const }, 'mode', /not supported/],
    [{ mode: null }, 'mode', /Missing required param: mode/],
    [{ lineItems: [] }, 'line_items', /required in `payment` mode/],
    [{ lineItems: null }, 'line_items', /required/],
    [{ lineItems: [{ ...line(), quantity: 0 }] }, 'line_items[0][quantity]', /at least 1/],
    [{ lineItems: [{ priceData: line().priceData }] }, 'line_items[0][quantity]', /Quantity is required/],
    [{ lineItems: [{ quantity: 1 }] }, 'line_items[0][price_data]', /price or price_data/],
    [{ lineItems: [line(100, 1, 'xyz')] }, 'line_items[0][price_data][currency]', /Invalid currency: xyz/],
    [{ lineItems: [line(), line(100, 1, 'eur')] }, 'line_items[1][price_data][currency]', /same currency/],
    [{ lineItems: [line(10, 1)] }, 'line_items', /at least/],
    [{ successUrl: null }, 'success_url', /Missing required param: success_url/],
    [{ successUrl: 'not a url' }, 'success_url', /Not a valid URL/],
    [{ successUrl: 'javascript:alert(1)' }, 'success_url', /Not a valid URL/],
    [{ cancelUrl: 'ftp://x' }, 'cancel_url', /Not a valid URL/],
    [{ customer: 'cus_1', customerEmail: 'a@b.co' }, 'customer_email', /only specify one/],
    [{ customer: 'cus_1', customerCreation: 'always' }, 'customer_creation', /only specify one/],
    [{ customerCreation: 'sometimes' }, 'customer_creation', /must be one of/],
    [{ customerEmail: 'nope' }, 'customer_email', /Invalid email/],
    [{ expiresAt: now + 60 }, 'expires_at', /at least 30 minutes/],
    [{ submitType: 'buy' }, 'submit_type', /must be one of/],
    [{ paymentIntentData: { captureMethod: 'later' } }, 'payment_intent_data[capture_method]', /must be one of/],
    [{ paymentIntentData: { metadata: { 'a[b]': 'x' } } }, 'payment_intent_data[metadata][a[b]]', /cannot contain/],
  ])('refuses %p on %s', (input, param, message) => {
    const err = refusal(input as Partial<CheckoutSessionCreateParams>);
    expect(err.details.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it('substitutes {CHECKOUT_SESSION_ID} in success_url', () => {
    expect(successUrlFor('https://x.example/ok?s={CHECKOUT_SESSION_ID}&again={CHECKOUT_SESSION_ID}', 'cs_test_1')).toBe('https://x.example/ok?s=cs_test_1&again=cs_test_1');
  });
});
