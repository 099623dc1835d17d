import { Client } from 'pg';
import Stripe from 'stripe';
import { createTestAccount, edge, edgeUrl, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

const PG = process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE_PREFIX = process.env.PAYGATE_DATABASE_PREFIX ?? 'paygate';

/**
 * Checkout Sessions (mode payment) through the official SDK: create, retrieve, update, line items,
 * expire, lists and their filters, refused input that writes nothing, and the scheduler that expires
 * a session by itself. Paying on the hosted page is test/checkout-page.int.test.ts.
 */
describe('checkout sessions through the official stripe SDK', () => {
  let a: TestAccount;
  let b: TestAccount;
  let sessionDb: Client;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestAccount('checkout sessions'), createTestAccount('checkout sessions, other account')]);
    sessionDb = new Client({ connectionString: `${PG}/${DATABASE_PREFIX}_session` });
    await sessionDb.connect();
  });
  afterAll(async () => {
    await sessionDb.end();
  });

  const params = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
    mode: 'payment',
    line_items: [
      { price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'T-shirt', description: 'Organic cotton' } }, quantity: 2 },
      { price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Stickers' } }, quantity: 1 },
    ],
    success_url: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shop.example/cart',
    ...extra,
  });
  const sessionCount = async (account: string) => Number((await sessionDb.query('SELECT count(*) AS n FROM checkout_sessions WHERE account = $1', [account])).rows[0].n);
  const outboxTypes = async (id: string) =>
    (await sessionDb.query<{ type: string }>(`SELECT type FROM outbox_events WHERE payload->'data'->'object'->>'id' = $1 ORDER BY seq`, [id])).rows.map((r) => r.type);
  const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a refusal'); }, (err: Stripe.errors.StripeError) => err);

  it('creates an open session with its url, amount_total and payment_status unpaid; retrieve returns the same object', async () => {
    const session = await a.stripe.checkout.sessions.create(params({ client_reference_id: 'order-17', metadata: { order: '17' }, customer_email: 'jane@example.com', submit_type: 'pay' }));
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 3500,
      amount_total: 3500,
      currency: 'usd',
      customer: null,
      customer_email: 'jane@example.com',
      customer_creation: 'if_required',
      client_reference_id: 'order-17',
      metadata: { order: '17' },
      payment_intent: null,
      payment_method_types: ['card'],
      submit_type: 'pay',
      success_url: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example/cart',
      livemode: false,
    });
    expect(session.id).toMatch(/^cs_test_[0-9A-Za-z]+$/);
    expect(session.expires_at - session.created).toBe(86_400);
    const url = new URL(session.url!);
    expect(url.origin).toBe(new URL(edgeUrl()).origin);
    expect(url.pathname).toBe(`/c/pay/${session.id}`);
    expect(url.searchParams.get('secret')).toMatch(/^cps_/);
    expect(session).not.toHaveProperty('line_items');

    const retrieved = await a.stripe.checkout.sessions.retrieve(session.id);
    expect(retrieved).toEqual(session);
    const expanded = await a.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expectStripeShape(expanded, 'checkout.session');
    expect(expanded.line_items).toMatchObject({ object: 'list', has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` });
    expect(expanded.line_items!.data.map((item) => item.description)).toEqual(['T-shirt', 'Stickers']);
  });

  it('lists line items as Stripe item objects with their inline price, in the order given', async () => {
    const session = await a.stripe.checkout.sessions.create(params());
    const items = await a.stripe.checkout.sessions.listLineItems(session.id);
    expect(items).toMatchObject({ object: 'list', has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` });
    expect(items.data).toHaveLength(2);
    const [shirt, stickers] = items.data;
    expect(shirt).toMatchObject({
      object: 'item',
      description: 'T-shirt',
      quantity: 2,
      amount_subtotal: 3000,
      amount_total: 3000,
      amount_discount: 0,
      amount_tax: 0,
      currency: 'usd',
      price: { object: 'price', unit_amount: 1500, currency: 'usd', type: 'one_time', recurring: null },
    });
    expect(shirt!.id).toMatch(/^li_/);
    expect(String(shirt!.price!.unit_amount_decimal)).toBe('1500');
    expect(shirt!.price!.id).toMatch(/^price_/);
    expect(shirt!.price!.product).toMatch(/^prod_/);
    expect(stickers).toMatchObject({ description: 'Stickers', quantity: 1, amount_total: 500 });
    expectStripeShape(shirt!, 'item');
    const page = await a.stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
    expect(page.has_more).toBe(true);
    expect((await a.stripe.checkout.sessions.listLineItems(session.id, { limit: 1, starting_after: page.data[0]!.id })).data.map((i) => i.id)).toEqual([stickers!.id]);
    expect(await refusal(b.stripe.checkout.sessions.listLineItems(session.id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('updates metadata (merged, an empty value unsets a key)', async () => {
    const session = await a.stripe.checkout.sessions.create(params({ metadata: { keep: '1', drop: '2' } }));
    const updated = await a.stripe.checkout.sessions.update(session.id, { metadata: { drop: '', added: '3' } });
    expect(updated.metadata).toEqual({ keep: '1', added: '3' });
    expect((await a.stripe.checkout.sessions.retrieve(session.id)).metadata).toEqual({ keep: '1', added: '3' });
    expect(await refusal(b.stripe.checkout.sessions.update(session.id, { metadata: { x: '1' } }))).toMatchObject({ statusCode: 404 });
  });

  it('expires an open session (url null, checkout.session.expired); expiring it again is a 400', async () => {
    const session = await a.stripe.checkout.sessions.create(params());
    const expired = await a.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
    expect((await a.stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    const again = await refusal(a.stripe.checkout.sessions.expire(session.id));
    expect(again).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
    expect(again.message).toBe('Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `expired`.');
    expect(await outboxTypes(session.id)).toEqual(['checkout.session.expired']);
    expect(await refusal(b.stripe.checkout.sessions.expire((await a.stripe.checkout.sessions.create(params())).id))).toMatchObject({ statusCode: 404 });
  });

  it('lists newest first, pages, and filters by status, customer, payment_intent and created', async () => {
    const customer = await a.stripe.customers.create({ email: 'lister@example.com' });
    const first = await a.stripe.checkout.sessions.create(params({ customer: customer.id }));
    const second = await a.stripe.checkout.sessions.create(params());
    const third = await a.stripe.checkout.sessions.create(params({ customer: customer.id }));
    await a.stripe.checkout.sessions.expire(second.id);

    const newest = await a.stripe.checkout.sessions.list({ limit: 3 });
    expect(newest.data.map((s) => s.id)).toEqual([third.id, second.id, first.id]);
    expect(newest.has_more).toBe(true);
    const older = await a.stripe.checkout.sessions.list({ limit: 2, starting_after: third.id });
    expect(older.data.map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await a.stripe.checkout.sessions.list({ limit: 1, ending_before: first.id })).data.map((s) => s.id)).toEqual([second.id]);

    expect((await a.stripe.checkout.sessions.list({ customer: customer.id })).data.map((s) => s.id)).toEqual([third.id, first.id]);
    const expiredOnes = (await a.stripe.checkout.sessions.list({ status: 'expired', limit: 100 })).data;
    expect(expiredOnes.map((s) => s.id)).toContain(second.id);
    expect(expiredOnes.every((s) => s.status === 'expired')).toBe(true);
    expect((await a.stripe.checkout.sessions.list({ payment_intent: 'pi_none' })).data).toEqual([]);
    const since = (await a.stripe.checkout.sessions.list({ created: { gte: third.created }, limit: 100 })).data;
    expect(since.map((s) => s.id)).toContain(third.id);
    expect(since.every((s) => s.created >= third.created)).toBe(true);
    expect((await a.stripe.checkout.sessions.list({ created: { lt: first.created } , limit: 100 })).data.map((s) => s.id)).not.toContain(first.id);
    expect((await b.stripe.checkout.sessions.list()).data.map((s) => s.id)).not.toContain(first.id);

    const listed = await a.stripe.checkout.sessions.list({ limit: 1, expand: ['data.line_items', 'data.customer'] });
    expect(listed.data[0]!.line_items!.data).toHaveLength(2);
    expect(listed.data[0]!.customer).toMatchObject({ object: 'customer', id: customer.id, email: 'lister@example.com' });

    // The graph shows the same relation: the customer's sessions and their lines.
    const res = await graph(a.secretKey, 'query($id: ID!) { customer(id: $id) { checkoutSessions { data { id lineItems { data { description } } } } } }', { id: customer.id });
    expect(res.body.data.customer.checkoutSessions.data.map((s: { id: string }) => s.id)).toEqual([third.id, first.id]);
    expect(res.body.data.customer.checkoutSessions.data[0].lineItems.data.map((l: { description: string }) => l.description)).toEqual(['T-shirt', 'Stickers']);
  });

  it('a customer of this account may be given; another account’s, or an unknown one, is a 404 on customer and writes nothing', async () => {
    const mine = await a.stripe.customers.create({ email: 'mine@example.com' });
    const theirs = await b.stripe.customers.create({ email: 'theirs@example.com' });
    const session = await a.stripe.checkout.sessions.create(params({ customer: mine.id }));
    expect(session).toMatchObject({ customer: mine.id, customer_creation: null });
    expect((await a.stripe.checkout.sessions.retrieve(session.id, { expand: ['customer'] })).customer).toMatchObject({ id: mine.id, object: 'customer' });

    const before = await sessionCount(a.id);
    for (const customer of [theirs.id, 'cus_doesnotexist']) {
      const err = await refusal(a.stripe.checkout.sessions.create(params({ customer })));
      expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer', message: `No such customer: '${customer}'` });
    }
    expect(await sessionCount(a.id)).toBe(before);
  });

  it.each([
    ['mode=subscription', params({ mode: 'subscription' }), 400, 'mode', /only `mode=payment`/],
    ['mode=setup', params({ mode: 'setup' }), 400, 'mode', /`setup` mode are not supported/],
    ['no line_items', params({ line_items: undefined }), 400, 'line_items', /line_items/],
    ['quantity=0', params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'x' } }, quantity: 0 }] }), 400, 'line_items[0][quantity]', /at least 1/],
    ['no quantity', params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'x' } } }] }), 400, 'line_items[0][quantity]', /Quantity is required/],
    ['an unknown currency', params({ line_items: [{ price_data: { currency: 'xyz', unit_amount: 1000, product_data: { name: 'x' } }, quantity: 1 }] }), 400, 'line_items[0][price_data][currency]', /Invalid currency: xyz/],
    [
      'mixed currencies',
      params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'x' } }, quantity: 1 }, { price_data: { currency: 'eur', unit_amount: 1000, product_data: { name: 'y' } }, quantity: 1 }] }),
      400,
      'line_items[1][price_data][currency]',
      /same currency/,
    ],
    ['no product name', params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 1000 } as Stripe.Checkout.SessionCreateParams.LineItem.PriceData, quantity: 1 }] }), 400, 'line_items[0][price_data][product_data][name]', /Missing required param/],
    ['a total below the minimum', params({ line_items: [{ price_data: { currency: 'usd', unit_amount: 10, product_data: { name: 'x' } }, quantity: 1 }] }), 400, 'line_items', /at least/],
    ['no success_url', params({ success_url: undefined }), 400, 'success_url', /Missing required param: success_url/],
    ['a success_url that is no URL', params({ success_url: 'thanks' }), 400, 'success_url', /Not a valid URL/],
    ['customer and customer_email', params({ customer: 'cus_x', customer_email: 'a@b.co' }), 400, 'customer_email', /only specify one/],
    ['expires_at too soon', params({ expires_at: Math.floor(Date.now() / 1000) + 600 }), 400, 'expires_at', /at least 30 minutes/],
    ['expires_at too late', params({ expires_at: Math.floor(Date.now() / 1000) + 2 * 86_400 }), 400, 'expires_at', /less than 24 hours/],
    ['an unknown parameter', { ...params(), shipping_rate: 'shr_1' } as Stripe.Checkout.SessionCreateParams, 400, 'shipping_rate', /unknown parameter/],
  ] as const)('refuses %s with Stripe’s error and writes nothing', async (_label, body, status, param, message) => {
    const before = await sessionCount(a.id);
    const err = await refusal(a.stripe.checkout.sessions.create(body as Stripe.Checkout.SessionCreateParams));
    expect(err).toMatchObject({ statusCode: status, type: 'StripeInvalidRequestError', param });
    expect(err.message).toMatch(message);
    expect(await sessionCount(a.id)).toBe(before);
  });

  it('an Idempotency-Key replays the session it made instead of making another', async () => {
    const key = `cs-${Date.now()}`;
    const first = await a.stripe.checkout.sessions.create(params(), { idempotencyKey: key });
    const before = await sessionCount(a.id);
    const again = await a.stripe.checkout.sessions.create(params(), { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(await sessionCount(a.id)).toBe(before);
  });

  it('expires a session by itself once expires_at has passed (the scheduler, with the clock moved through its table)', async () => {
    const session = await a.stripe.checkout.sessions.create(params({ expires_at: Math.floor(Date.now() / 1000) + 1_800 }));
    expect(session.status).toBe('open');
    // The one test door: the deadline is moved into the past, then the service's own sweep must act.
    await sessionDb.query('UPDATE checkout_sessions SET expires_at = $2 WHERE id = $1', [session.id, Math.floor(Date.now() / 1000) - 1]);
    const expired = await eventually(async () => {
      const now = await a.stripe.checkout.sessions.retrieve(session.id);
      return now.status === 'expired' ? now : null;
    }, 15_000, 'the sweep to expire the session');
    expect(expired.url).toBeNull();
    expect(await outboxTypes(session.id)).toEqual(['checkout.session.expired']);
    // The hosted page says so, and offers no form.
    const page = await fetch(session.url!);
    const html = await page.text();
    expect(html).toContain('expired');
    expect(html).not.toContain('cc-number');
  });

  it('needs a secret key: a publishable key is refused', async () => {
    const res = await edge(a.publishableKey).post('/v1/checkout/sessions').type('form').send('mode=payment');
    expect(res.status).toBe(403);
  });
});
