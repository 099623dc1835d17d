import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import Stripe from 'stripe';
import { launchChromium } from './support/browser';
import { createTestAccount, edgeUrl, type TestAccount } from './support/stack';

/**
 * The hosted 3-D Secure page in a real browser: Debian's Chromium driven by playwright-core
 * (Playwright's own browser download is not used). The return_url is a tiny local server, so the
 * test sees the redirect Stripe's flow ends with.
 */

describe('3-D Secure through the hosted page in Chromium', () => {
  let a: TestAccount;
  let browser: Browser;
  let merchantSite: http.Server;
  let returnUrl: string;

  beforeAll(async () => {
    a = await createTestAccount('three-d-secure');
    browser = await launchChromium();
    merchantSite = http.createServer((_req, res) => res.end('<!doctype html><p id="back">back at the merchant</p>'));
    await new Promise<void>((resolve) => merchantSite.listen(0, '127.0.0.1', resolve));
    returnUrl = `http://127.0.0.1:${(merchantSite.address() as AddressInfo).port}/order/42`;
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => merchantSite?.close(resolve));
  });

  async function requiresAction(params: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    const intent = await a.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
      return_url: returnUrl,
      ...params,
    });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('redirect_to_url');
    return intent;
  }

  it('Complete: the intent succeeds and the browser returns to return_url', async () => {
    const intent = await requiresAction();
    const page = await browser.newPage();
    try {
      await page.goto(intent.next_action!.redirect_to_url!.url!);
      expect(await page.textContent('#amount')).toContain('20.00');
      await Promise.all([page.waitForURL((url) => url.pathname === '/order/42'), page.click('#complete')]);
      const back = new URL(page.url());
      expect(back.searchParams.get('payment_intent')).toBe(intent.id);
      expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    } finally {
      await page.close();
    }
    const after = await a.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(after).toMatchObject({ status: 'succeeded', amount_received: 2000, next_action: null });
    const charge = after.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ status: 'succeeded', payment_intent: intent.id });
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
  });

  it('Fail: the intent returns to requires_payment_method with payment_intent_authentication_failure', async () => {
    const intent = await requiresAction();
    const page = await browser.newPage();
    try {
      await page.goto(intent.next_action!.redirect_to_url!.url!);
      await Promise.all([page.waitForURL((url) => url.pathname === '/order/42'), page.click('#fail')]);
      expect(new URL(page.url()).searchParams.get('redirect_status')).toBe('failed');
    } finally {
      await page.close();
    }
    const after = await a.stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('a manual-capture intent with a raw 3-D Secure card waits for capture after Complete; a second submission changes nothing', async () => {
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { number: '4000002500003155', exp_month: 12, exp_year: 2040, cvc: '123' } });
    const intent = await requiresAction({ payment_method: pm.id, capture_method: 'manual' });
    const first = await browser.newPage();
    const second = await browser.newPage();
    try {
      await first.goto(intent.next_action!.redirect_to_url!.url!);
      await second.goto(intent.next_action!.redirect_to_url!.url!);
      await Promise.all([first.waitForURL((url) => url.pathname === '/order/42'), first.click('#complete')]);
      // The stale tab submits again: it is sent back too, and nothing is charged twice.
      await Promise.all([second.waitForURL((url) => url.pathname === '/order/42'), second.click('#complete')]);
    } finally {
      await first.close();
      await second.close();
    }
    const after = await a.stripe.paymentIntents.retrieve(intent.id);
    expect(after).toMatchObject({ status: 'requires_capture', amount_capturable: 2000 });
    const charges = await a.stripe.charges.list({ payment_intent: intent.id });
    expect(charges.data).toHaveLength(1);
    expect((await a.stripe.paymentIntents.capture(intent.id)).status).toBe('succeeded');
  });

  it('the page refuses a wrong client secret and never needs an API key', async () => {
    const intent = await requiresAction();
    const url = new URL(intent.next_action!.redirect_to_url!.url!);
    url.searchParams.set('payment_intent_client_secret', `${intent.id}_secret_wrong0000000000`);
    const res = await fetch(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).not.toContain('Complete');
    expect(new URL(intent.next_action!.redirect_to_url!.url!).origin).toBe(new URL(edgeUrl()).origin);
  });
});
