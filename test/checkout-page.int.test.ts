import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { fillCard, launchChromium, submitCardForm as pay } from './support/browser';
import { control, createTestAccount, edgeUrl, graph, type TestAccount } from './support/stack';

/**
 * The hosted checkout page in a real browser (Debian's Chromium, driven by playwright-core): a
 * session's url is opened, the buyer types an email and a card, and the session completes and the
 * browser lands on success_url; declines, 3-D Secure, double submissions, customer creation and the
 * charge service going away. The merchant's site is a tiny local server.
 */
describe('the hosted checkout page in Chromium', () => {
  let a: TestAccount;
  let browser: Browser;
  let merchantSite: http.Server;
  let shop: string;
  let sessionDb: Client;

  beforeAll(async () => {
    a = await createTestAccount('checkout page');
    browser = await launchChromium();
    merchantSite = http.createServer((req, res) => res.end(`<!doctype html><p id="merchant">${req.url?.startsWith('/thanks') ? 'thanks' : 'cart'}</p>`));
    await new Promise<void>((resolve) => merchantSite.listen(0, '127.0.0.1', resolve));
    shop = `http://127.0.0.1:${(merchantSite.address() as AddressInfo).port}`;
    sessionDb = new Client({ connectionString: databaseUrl(serviceDatabase('session')) });
    await sessionDb.connect();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => merchantSite?.close(resolve));
    await sessionDb?.end();
  });

  const createSession = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) =>
    a.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Coffee beans' } }, quantity: 2 },
        { price_data: { currency: 'usd', unit_amount: 300, product_data: { name: 'Filter papers' } }, quantity: 1 },
      ],
      success_url: `${shop}/thanks?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${shop}/cart`,
      customer_email: 'buyer@example.com',
      ...extra,
    });

  /** Opens the session's page and pays with a declining card: the session is left open with its PaymentIntent. */
  async function declineOnPage(session: Stripe.Checkout.Session): Promise<void> {
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await fillCard(page, '4000000000000002');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
    } finally {
      await page.close();
    }
  }
  const isThanks = (url: URL) => url.origin === shop && url.pathname === '/thanks';
  const chargesOf = async (paymentIntent: string) => (await a.stripe.charges.list({ payment_intent: paymentIntent, limit: 100 })).data;
  const outboxTypes = async (id: string) =>
    (await sessionDb.query<{ type: string }>(`SELECT type FROM outbox_events WHERE payload->'data'->'object'->>'id' = $1 ORDER BY seq`, [id])).rows.map((r) => r.type);

  it('shows the lines, the total and labelled card fields with autocomplete tokens; 4242 completes the session and lands on success_url', async () => {
    const session = await createSession();
    const page = await browser.newPage();
    try {
      const response = await page.goto(session.url!);
      expect(response?.status()).toBe(200);
      expect(await page.locator('#line-items tr.line').allTextContents()).toEqual(['Coffee beans × 225.00 usd', 'Filter papers × 13.00 usd']);
      expect(await page.textContent('#total')).toBe('28.00 usd');
      expect(await page.textContent('#submit')).toBe('Pay 28.00 usd');
      for (const [label, token] of [['Email', 'email'], ['Name on card', 'cc-name'], ['Card number', 'cc-number'], ['Expiration (MM / YY)', 'cc-exp'], ['CVC', 'cc-csc']] as const) {
        expect(await page.getByLabel(label, { exact: true }).getAttribute('autocomplete')).toBe(token);
      }
      expect(await page.getByLabel('Email').inputValue()).toBe('buyer@example.com');
      expect(await page.locator('script, link[rel=stylesheet], link[rel=preconnect]').count()).toBe(0);
      await fillCard(page, '4242 4242 4242 4242');
      await Promise.all([page.waitForURL((url) => isThanks(url)), pay(page)]);
      expect(new URL(page.url()).searchParams.get('session_id')).toBe(session.id);
    } finally {
      await page.close();
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, customer_details: { email: 'buyer@example.com', name: 'Ada Buyer' } });
    const intent = done.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 2800, amount_received: 2800, currency: 'usd' });
    const charges = await chargesOf(intent.id);
    expect(charges.map((c) => [c.status, c.amount, c.payment_method_details?.card?.last4])).toEqual([['succeeded', 2800, '4242']]);
    expect((await a.stripe.checkout.sessions.list({ payment_intent: intent.id })).data.map((s) => s.id)).toEqual([session.id]);
    expect(await outboxTypes(session.id)).toEqual(['checkout.session.completed']);
    // A completed session's page says so, with no form.
    const again = await fetch(session.url!);
    const html = await again.text();
    expect(html).toContain('Payment complete');
    expect(html).not.toContain('cc-number');
  });

  it('a decline shows Stripe’s message and keeps the session open; 4242 on the same page then succeeds', async () => {
    const session = await createSession();
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await fillCard(page, '4000000000000002');
      const [declined] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
      expect(declined.status()).toBe(402);
      expect(await page.textContent('#card-errors')).toBe('Your card was declined.');
      expect(await page.getByLabel('Email').inputValue()).toBe('buyer@example.com');
      expect(await page.getByLabel('Card number').inputValue()).toBe('');
      const open = await a.stripe.checkout.sessions.retrieve(session.id);
      expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });

      await fillCard(page, '4242424242424242');
      await Promise.all([page.waitForURL((url) => isThanks(url)), pay(page)]);
    } finally {
      await page.close();
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const charges = await chargesOf(done.payment_intent as string);
    expect(charges.map((c) => c.status).sort()).toEqual(['failed', 'succeeded']);
    expect((await a.stripe.paymentIntents.retrieve(done.payment_intent as string)).status).toBe('succeeded');
  });

  it('a 3-D Secure card goes through the hosted authentication page and back; a failed authentication keeps the session open', async () => {
    const session = await createSession();
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await fillCard(page, '4000002500003155');
      await Promise.all([page.waitForURL((url) => url.pathname === '/3d_secure_2/hosted'), pay(page)]);
      expect(await page.textContent('#amount')).toContain('28.00');
      await Promise.all([page.waitForURL((url) => url.pathname === `/c/pay/${session.id}/return`), page.click('#fail')]);
      expect(await page.textContent('#card-errors')).toContain('unable to authenticate');
      expect((await a.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

      await fillCard(page, '4000002500003155');
      await Promise.all([page.waitForURL((url) => url.pathname === '/3d_secure_2/hosted'), pay(page)]);
      await Promise.all([page.waitForURL((url) => isThanks(url)), page.click('#complete')]);
      expect(new URL(page.url()).searchParams.get('session_id')).toBe(session.id);
    } finally {
      await page.close();
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const charge = (done.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
    expect((await chargesOf(charge.payment_intent as string)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('a double submission charges once: both requests end on success_url, and a later retry changes nothing', async () => {
    const session = await createSession();
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await fillCard(page, '4242424242424242');
      const posts: number[] = [];
      page.on('request', (r) => r.method() === 'POST' && posts.push(Date.now()));
      await page.locator('#submit').dblclick();
      // The second click's post replaces the first one's navigation, which the browser reports as aborted.
      await page.waitForURL((url) => isThanks(url)).catch(async (err: Error) => {
        if (!/ERR_ABORTED|detached/.test(err.message)) throw err;
        await page.waitForURL((url) => isThanks(url));
      });
      expect(posts.length).toBeGreaterThanOrEqual(1);
    } finally {
      await page.close();
    }
    // The same form posted twice at once, from outside the browser: both are sent to success_url.
    const second = await createSession();
    const url = new URL(second.url!);
    const form = new URLSearchParams({ merchant: url.searchParams.get('merchant')!, secret: url.searchParams.get('secret')!, email: 'twice@example.com', cardholder_name: 'Twice', card_number: '4242424242424242', card_expiry: '12/34', card_cvc: '123' });
    const post = () => fetch(`${edgeUrl()}/c/pay/${second.id}`, { method: 'POST', body: form, redirect: 'manual' });
    const answers = await Promise.all([post(), post(), post()]);
    for (const answer of answers) {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`${shop}/thanks?session_id=${second.id}`);
    }
    for (const id of [session.id, second.id]) {
      const done = await a.stripe.checkout.sessions.retrieve(id);
      expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
      const charges = await chargesOf(done.payment_intent as string);
      expect(charges.filter((c) => c.status === 'succeeded')).toHaveLength(1);
      expect(await outboxTypes(id)).toEqual(['checkout.session.completed']);
    }
    // A retry of the completion (a response that never arrived) answers with the same end, no second charge.
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } });
    const retried = await graph(a.secretKey, 'mutation($id: ID!, $secret: String!, $input: CheckoutSessionCompleteInput!) { completeCheckoutSession(id: $id, secret: $secret, input: $input) { redirectUrl session { status } } }', {
      id: second.id,
      secret: url.searchParams.get('secret'),
      input: { paymentMethod: pm.id, email: 'twice@example.com' },
    });
    expect(retried.body.data.completeCheckoutSession).toEqual({ redirectUrl: `${shop}/thanks?session_id=${second.id}`, session: { status: 'complete' } });
    expect((await chargesOf((await a.stripe.checkout.sessions.retrieve(second.id)).payment_intent as string)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('customer_creation=always makes a customer from what the buyer typed; Back goes to cancel_url', async () => {
    const session = await createSession({ customer_creation: 'always', customer_email: undefined });
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await Promise.all([page.waitForURL((url) => url.origin === shop && url.pathname === '/cart'), page.click('#back')]);
      await page.goto(session.url!);
      expect(await page.getByLabel('Email').inputValue()).toBe('');
      await page.getByLabel('Email').fill('new.customer@example.com');
      await fillCard(page, '5555555555554444', 'New Customer');
      await Promise.all([page.waitForURL((url) => isThanks(url)), pay(page)]);
    } finally {
      await page.close();
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id, { expand: ['customer', 'payment_intent'] });
    expect(done.status).toBe('complete');
    expect(done.customer).toMatchObject({ object: 'customer', email: 'new.customer@example.com', name: 'New Customer' });
    expect((done.payment_intent as Stripe.PaymentIntent).customer).toBe((done.customer as Stripe.Customer).id);
  });

  it('refuses a wrong secret and checks what was typed without calling anyone', async () => {
    const session = await createSession();
    const wrong = new URL(session.url!);
    wrong.searchParams.set('secret', 'cps_wrongwrongwrongwrongwrongwrong');
    const res = await fetch(wrong);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('cc-number');

    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await page.getByLabel('Name on card').fill('Ada');
      await page.getByLabel('Card number').fill('4242');
      const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
      expect(answer.status()).toBe(400);
      expect(await page.textContent('#card-errors')).toBe('Your card number is incomplete.');
      expect(await page.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await page.close();
    }
    expect((await a.stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBeNull();
  });

  it('with the charge service down the page shows an error and the session stays open; once it is back the payment goes through once', async () => {
    const session = await createSession();
    const page = await browser.newPage();
    try {
      await page.goto(session.url!);
      await control('/processes/charge/kill');
      try {
        await fillCard(page, '4242424242424242');
        const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
        expect(answer.status()).toBe(503);
        expect(await page.textContent('#card-errors')).toContain('you will not be charged twice');
      } finally {
        await control('/processes/charge/start');
      }
      expect((await a.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
      await fillCard(page, '4242424242424242');
      await Promise.all([page.waitForURL((url) => isThanks(url)), pay(page)]);
    } finally {
      await page.close();
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id);
    expect(done.status).toBe('complete');
    expect((await chargesOf(done.payment_intent as string)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('the charge service down after the intent exists: the attempt fails, the session stays open, the retry with the same key charges once', async () => {
    const session = await createSession();
    const secret = new URL(session.url!).searchParams.get('secret');
    await declineOnPage(session);
    const intentId = (await a.stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
    expect(intentId).toMatch(/^pi_/);
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } });
    const complete = () =>
      graph(a.secretKey, 'mutation($id: ID!, $secret: String!, $input: CheckoutSessionCompleteInput!) { completeCheckoutSession(id: $id, secret: $secret, input: $input) { redirectUrl } }', {
        id: session.id,
        secret,
        input: { paymentMethod: pm.id, email: 'buyer@example.com' },
      });
    await control('/processes/charge/kill');
    try {
      const failed = await complete();
      expect(failed.body.errors?.[0]?.extensions?.code).toBe('api_error');
    } finally {
      await control('/processes/charge/start');
    }
    expect((await a.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await complete()).body.data.completeCheckoutSession.redirectUrl).toBe(`${shop}/thanks?session_id=${session.id}`);
    }
    const done = await a.stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: intentId });
    expect((await chargesOf(intentId)).map((c) => c.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('expiring a session whose buyer started paying cancels its PaymentIntent', async () => {
    const session = await createSession();
    await declineOnPage(session);
    const declined = await a.stripe.checkout.sessions.retrieve(session.id);
    expect(declined.payment_intent).toMatch(/^pi_/);
    const expired = await a.stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe('expired');
    expect(await a.stripe.paymentIntents.retrieve(declined.payment_intent as string)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
  });
});
