import type { Browser, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { fillCard as fillCardAs, launchChromium, submitCardForm as pay } from './support/browser';
import { createTestAccount, type TestAccount } from './support/stack';

/**
 * The hosted invoice page in a real browser (Debian's Chromium, driven by playwright-core): a
 * finalized invoice's hosted_invoice_url shows its number, lines and amount due with labelled card
 * fields; a declined card shows Stripe's message and the invoice stays open; 4242 on the same page
 * pays it. Authorised by the invoice id plus its secret, never the merchant's key.
 */
describe('the hosted invoice page in Chromium', () => {
  let a: TestAccount;
  let browser: Browser;

  beforeAll(async () => {
    a = await createTestAccount('invoice page');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** An open invoice of 2500 + 300 for a customer with no payment method of its own. */
  async function openInvoice(): Promise<Stripe.Invoice> {
    const customer = await a.stripe.customers.create({ email: 'payer@example.com', name: 'Ada Payer' });
    await a.stripe.invoiceItems.create({ customer: customer.id, amount: 2500, currency: 'usd', description: 'Consulting' });
    await a.stripe.invoiceItems.create({ customer: customer.id, unit_amount: 150, quantity: 2, currency: 'usd', description: 'Stamps' } as Stripe.InvoiceItemCreateParams);
    const draft = await a.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', collection_method: 'send_invoice', days_until_due: 14 });
    return a.stripe.invoices.finalizeInvoice(draft.id);
  }

  const fillCard = (page: Page, number: string) => fillCardAs(page, number, 'Ada Payer');
  const chargesOf = async (paymentIntent: string) => (await a.stripe.charges.list({ payment_intent: paymentIntent, limit: 100 })).data;

  it('shows the invoice; a decline keeps it open with Stripe’s message; 4242 on the same page pays it', async () => {
    const invoice = await openInvoice();
    expect(invoice.status).toBe('open');
    const page = await browser.newPage();
    try {
      const response = await page.goto(invoice.hosted_invoice_url!);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('#number')).toBe(invoice.number);
      expect(await page.textContent('#status')).toBe('open');
      expect(await page.locator('#lines tr.line').allTextContents()).toEqual(['Consulting × 125.00 usd', 'Stamps × 23.00 usd']);
      expect(await page.textContent('#amount-due')).toBe('28.00 usd');
      expect(await page.textContent('#submit')).toBe('Pay 28.00 usd');
      for (const [label, token] of [['Name on card', 'cc-name'], ['Card number', 'cc-number'], ['Expiration (MM / YY)', 'cc-exp'], ['CVC', 'cc-csc']] as const) {
        expect(await page.getByLabel(label, { exact: true }).getAttribute('autocomplete')).toBe(token);
      }
      expect(await page.locator('script, link[rel=stylesheet]').count()).toBe(0);

      await fillCard(page, '4000000000000002');
      const [declined] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
      expect(declined.status()).toBe(402);
      expect(await page.textContent('#card-errors')).toBe('Your card was declined.');
      expect(await page.getByLabel('Card number').inputValue()).toBe('');
      expect(await a.stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'open', amount_paid: 0, attempt_count: 1 });

      await fillCard(page, '4242424242424242');
      const [paidPost] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), pay(page)]);
      expect(paidPost.status()).toBe(303);
      await page.waitForSelector('#result');
      expect(new URL(page.url()).pathname).toBe(`/i/${invoice.id}`);
      expect(await page.textContent('#result')).toBe('This invoice has been paid.');
      expect(await page.textContent('#status')).toBe('paid');
      expect(await page.locator('input[autocomplete=cc-number]').count()).toBe(0);
    } finally {
      await page.close();
    }
    const paid = await a.stripe.invoices.retrieve(invoice.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2800, amount_remaining: 0, attempt_count: 2 });
    const intentId = (paid as unknown as { payment_intent: string }).payment_intent;
    const charges = await chargesOf(intentId);
    expect(charges.map((c) => [c.status, c.amount, c.payment_method_details?.card?.last4])).toEqual([['succeeded', 2800, '4242']]);
    // The page never shows the card number, and another POST changes nothing.
    const again = await fetch(invoice.hosted_invoice_url!);
    const html = await again.text();
    expect(html).toContain('This invoice has been paid.');
    expect(html).not.toContain('4242424242424242');
  });

  it('a 3-D Secure card goes through the hosted authentication page and comes back paid', async () => {
    const invoice = await openInvoice();
    const page = await browser.newPage();
    try {
      await page.goto(invoice.hosted_invoice_url!);
      await fillCard(page, '4000002500003155');
      await Promise.all([page.waitForURL((url) => url.pathname === '/3d_secure_2/hosted'), pay(page)]);
      expect(await page.textContent('#amount')).toContain('28.00');
      await Promise.all([page.waitForURL((url) => url.pathname === `/i/${invoice.id}`), page.click('#complete')]);
      await page.waitForSelector('#result');
      expect(await page.textContent('#status')).toBe('paid');
    } finally {
      await page.close();
    }
    expect(await a.stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'paid', amount_paid: 2800 });
  });

  it('two submissions at once charge the invoice once', async () => {
    const invoice = await openInvoice();
    const url = new URL(invoice.hosted_invoice_url!);
    const body = new URLSearchParams({
      merchant: url.searchParams.get('merchant')!,
      secret: url.searchParams.get('secret')!,
      cardholder_name: 'Ada Payer',
      card_number: '4242424242424242',
      card_expiry: '12 / 34',
      card_cvc: '123',
    });
    const post = () => fetch(`${url.origin}${url.pathname}`, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const answers = await Promise.all([post(), post(), post()]);
    for (const answer of answers) expect([200, 303]).toContain(answer.status);
    const paid = await a.stripe.invoices.retrieve(invoice.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2800 });
    const intents = (await a.stripe.paymentIntents.list({ customer: invoice.customer as string, limit: 100 })).data;
    expect(intents.map((i) => [i.status, i.amount])).toEqual([['succeeded', 2800]]);
    expect((await chargesOf(intents[0]!.id)).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('a wrong secret or another account is the same 404, with no invoice details', async () => {
    const invoice = await openInvoice();
    const url = new URL(invoice.hosted_invoice_url!);
    url.searchParams.set('secret', 'insec_wrongwrongwrongwrong');
    const wrong = await fetch(url);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain(invoice.number!);
    const other = await createTestAccount('invoice page, other account');
    const elsewhere = new URL(invoice.hosted_invoice_url!);
    elsewhere.searchParams.set('merchant', other.id);
    expect((await fetch(elsewhere)).status).toBe(404);
    const draft = await a.stripe.invoices.create({ customer: invoice.customer as string });
    expect(draft.hosted_invoice_url).toBeNull();
  });
});
