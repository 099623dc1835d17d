import { Client } from 'pg';
import type Stripe from 'stripe';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { control, createTestAccount, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

/**
 * Invoices through the official SDK, the "done when" list: pending items pulled into a draft,
 * finalized (number, amount_due, hosted page), paid with the customer's default payment method
 * through the charge service, a declining default (402, still open, attempt counted), void, delete,
 * search, lines, list filters, the customer's credit applied (and a remainder below the minimum
 * carried to the balance), auto_advance on the test-mode clock, the charge service going away
 * mid-payment, and bad input that gets Stripe's error with its param and changes nothing.
 */

/** Stripe's line_item properties (API reference; rest-edge/src/objects/stripe-schemas.json carries no line_item). */
const LINE_ITEM_PROPERTIES = [
  'id', 'object', 'amount', 'currency', 'description', 'discount_amounts', 'discountable', 'discounts', 'invoice', 'livemode', 'metadata',
  'parent', 'period', 'pretax_credit_amounts', 'pricing', 'quantity', 'subscription', 'taxes',
  // the 2023 shape the SDKs of that era read
  'amount_excluding_tax', 'invoice_item', 'price', 'proration', 'proration_details', 'subscription_item', 'tax_amounts', 'tax_rates', 'type', 'unit_amount_excluding_tax',
];


describe('invoices through the official stripe SDK', () => {
  let a: TestAccount;
  let other: TestAccount;
  let invoiceDb: Client;

  beforeAll(async () => {
    [a, other] = await Promise.all([createTestAccount('invoices'), createTestAccount('invoices, other account')]);
    invoiceDb = new Client({ connectionString: databaseUrl(serviceDatabase('invoice')) });
    await invoiceDb.connect();
  });
  afterAll(async () => {
    await invoiceDb.end();
  });

  const outboxTypes = async (objectId: string) =>
    (await invoiceDb.query<{ type: string }>(`SELECT type FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`, [a.id, objectId])).rows.map((r) => r.type);

  /** A customer whose invoice_settings.default_payment_method is a fresh attached `alias` (pm_card_visa by default). */
  async function payingCustomer(alias = 'pm_card_visa', email = 'payer@example.com') {
    const customer = await a.stripe.customers.create({ email, name: 'Ada Payer' });
    const pm = await a.stripe.paymentMethods.attach(alias, { customer: customer.id });
    await a.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    return { customer, pm };
  }

  /** A draft holding the customer's pending items of `amounts`. */
  async function draftOf(customer: string, amounts: number[], extra: Partial<Stripe.InvoiceCreateParams> = {}) {
    for (const amount of amounts) await a.stripe.invoiceItems.create({ customer, amount, currency: 'usd', description: `Item of ${amount}` });
    return a.stripe.invoices.create({ customer, pending_invoice_items_behavior: 'include', ...extra });
  }

  const chargesOf = async (paymentIntent: string) => (await a.stripe.charges.list({ payment_intent: paymentIntent, limit: 100 })).data;

  it('pending items make a draft with their total; finalize opens it with a number; pay charges the default payment method', async () => {
    const { customer, pm } = await payingCustomer();
    const draft = await draftOf(customer.id, [1500, 1000], { description: 'November', metadata: { order: '42' } });
    expect(draft).toMatchObject({
      object: 'invoice', status: 'draft', customer: customer.id, currency: 'usd', collection_method: 'charge_automatically',
      subtotal: 2500, total: 2500, amount_due: 2500, amount_paid: 0, amount_remaining: 2500, number: null, hosted_invoice_url: null,
      description: 'November', metadata: { order: '42' }, customer_email: 'payer@example.com', paid: false, attempt_count: 0,
    });
    expect(draft.id).toMatch(/^in_/);
    expect(draft.lines).toMatchObject({ object: 'list', has_more: false, total_count: 2, url: `/v1/invoices/${draft.id}/lines` });
    expect(draft.lines.data.map((l) => l.amount)).toEqual([1500, 1000]);
    expectStripeShape(draft, 'invoice');
    expect(await a.stripe.invoices.retrieve(draft.id)).toEqual(draft);
    // The items are on the draft now, no longer pending.
    expect((await a.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toEqual([]);

    const open = await a.stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: 'open', amount_due: 2500, amount_remaining: 2500, starting_balance: 0, ending_balance: 0 });
    expect(open.number).toMatch(/^[0-9A-Z]+-0001$/);
    expect(open.status_transitions.finalized_at).toEqual(expect.any(Number));
    const hosted = new URL(open.hosted_invoice_url!);
    expect(hosted.pathname).toBe(`/i/${draft.id}`);
    expect(hosted.searchParams.get('merchant')).toBe(a.id);
    expect(hosted.searchParams.get('secret')).toMatch(/^insec_/);
    await expect(a.stripe.invoices.finalizeInvoice(draft.id)).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });

    const paid = await a.stripe.invoices.pay(draft.id);
    expect(paid).toMatchObject({ status: 'paid', paid: true, amount_paid: 2500, amount_remaining: 0, attempt_count: 1, attempted: true, number: open.number });
    expect(paid.status_transitions.paid_at).toEqual(expect.any(Number));
    const { charge, payment_intent: intentId } = paid as unknown as { charge: string; payment_intent: string };
    expect(charge).toMatch(/^ch_/);
    const intent = await a.stripe.paymentIntents.retrieve(intentId);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 2500, amount_received: 2500, currency: 'usd', customer: customer.id, payment_method: pm.id });
    expect((await chargesOf(intentId)).map((c) => [c.id, c.status, c.amount])).toEqual([[charge, 'succeeded', 2500]]);
    const expanded = await a.stripe.invoices.retrieve(draft.id, { expand: ['payment_intent', 'charge', 'customer'] });
    expect(expanded).toMatchObject({ payment_intent: { id: intentId, object: 'payment_intent' }, charge: { id: charge, object: 'charge' }, customer: { id: customer.id } });
    expect(await outboxTypes(draft.id)).toEqual(['invoice.created', 'invoice.updated', 'invoice.finalized', 'invoice.paid']);

    // Paid is final: pay and void are refused and change nothing.
    await expect(a.stripe.invoices.pay(draft.id)).rejects.toMatchObject({ statusCode: 400, message: 'Invoice is already paid.' });
    await expect(a.stripe.invoices.voidInvoice(draft.id)).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    await expect(a.stripe.invoices.del(draft.id)).rejects.toMatchObject({ statusCode: 400 });
    expect(await a.stripe.invoices.retrieve(draft.id)).toMatchObject({ status: 'paid', amount_paid: 2500 });
    expect(await chargesOf(intentId)).toHaveLength(1);
    expect(await outboxTypes(draft.id)).toHaveLength(4);
  });

  it('the graph shows a customer’s invoices with their lines and payment, through to the charge’s refunds', async () => {
    const { customer } = await payingCustomer('pm_card_visa', 'graph@example.com');
    const paid = await a.stripe.invoices.pay((await draftOf(customer.id, [1100, 400])).id);
    const refund = await a.stripe.refunds.create({ charge: (paid as unknown as { charge: string }).charge, amount: 100 });
    const res = await graph(
      a.secretKey,
      `query($id: ID!) { customer(id: $id) { invoices(limit: 5) { hasMore data { id status amountPaid
        lines(limit: 1) { hasMore totalCount data { amount invoiceItem { id } } }
        paymentIntent { id latestCharge { id refunds(limit: 5) { data { id amount } } } } } } } }`,
      { id: customer.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.customer.invoices).toEqual({
      hasMore: false,
      data: [
        {
          id: paid.id,
          status: 'paid',
          amountPaid: 1500,
          lines: { hasMore: true, totalCount: 2, data: [{ amount: 1100, invoiceItem: { id: expect.stringMatching(/^ii_/) } }] },
          paymentIntent: { id: (paid as unknown as { payment_intent: string }).payment_intent, latestCharge: { id: (paid as unknown as { charge: string }).charge, refunds: { data: [{ id: refund.id, amount: 100 }] } } },
        },
      ],
    });
  });

  it('a declining default payment method is Stripe’s 402; the invoice stays open with the attempt counted, and another card pays it', async () => {
    const { customer } = await payingCustomer('pm_card_chargeCustomerFail', 'decline@example.com');
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [2000])).id);
    await expect(a.stripe.invoices.pay(open.id)).rejects.toMatchObject({ statusCode: 402, rawType: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    const after = await a.stripe.invoices.retrieve(open.id);
    expect(after).toMatchObject({ status: 'open', paid: false, amount_paid: 0, amount_remaining: 2000, attempt_count: 1, attempted: true });
    expect(await outboxTypes(open.id)).toContain('invoice.payment_failed');

    const visa = await a.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await a.stripe.invoices.pay(open.id, { payment_method: visa.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2000, attempt_count: 2 });
    const charges = await chargesOf((paid as unknown as { payment_intent: string }).payment_intent);
    expect(charges.map((c) => [c.status, c.amount])).toEqual([['succeeded', 2000]]);
  });

  it('voids an open invoice, deletes a draft (its items pending again), and refuses to delete an open one', async () => {
    const customer = await a.stripe.customers.create({ email: 'void@example.com' });
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [900])).id);
    await expect(a.stripe.invoices.del(open.id)).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    expect((await a.stripe.invoices.retrieve(open.id)).status).toBe('open');
    const voided = await a.stripe.invoices.voidInvoice(open.id);
    expect(voided).toMatchObject({ status: 'void', amount_remaining: 900, auto_advance: false });
    expect(voided.status_transitions.voided_at).toEqual(expect.any(Number));
    await expect(a.stripe.invoices.voidInvoice(open.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(a.stripe.invoices.pay(open.id)).rejects.toMatchObject({ statusCode: 400 });
    expect(await outboxTypes(open.id)).toEqual(['invoice.created', 'invoice.updated', 'invoice.finalized', 'invoice.voided']);

    const draft = await draftOf(customer.id, [300, 400]);
    expect(await a.stripe.invoices.del(draft.id)).toEqual({ id: draft.id, object: 'invoice', deleted: true });
    await expect(a.stripe.invoices.retrieve(draft.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const pending = await a.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.map((i) => i.amount).sort()).toEqual([300, 400]);
    expect(await outboxTypes(draft.id)).toEqual(['invoice.created', 'invoice.updated', 'invoice.deleted']);
  });

  it('marks an open invoice uncollectible; it can still be paid', async () => {
    const { customer } = await payingCustomer('pm_card_visa', 'uncollectible@example.com');
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [700])).id);
    expect(await a.stripe.invoices.markUncollectible(open.id)).toMatchObject({ status: 'uncollectible' });
    expect(await a.stripe.invoices.pay(open.id)).toMatchObject({ status: 'paid', amount_paid: 700 });
  });

  it('lists lines in order with Stripe’s line_item shape, and pages them', async () => {
    const customer = await a.stripe.customers.create({ email: 'lines@example.com' });
    const draft = await draftOf(customer.id, [100, 200, 300]);
    const items = (await a.stripe.invoiceItems.list({ invoice: draft.id })).data;
    const lines = await a.stripe.invoices.listLineItems(draft.id);
    expect(lines).toMatchObject({ object: 'list', has_more: false, url: `/v1/invoices/${draft.id}/lines` });
    expect(lines.data.map((l) => l.amount)).toEqual([100, 200, 300]);
    const first = lines.data[0]!;
    expect(first).toMatchObject({ object: 'line_item', invoice: draft.id, currency: 'usd', quantity: 1, description: 'Item of 100' });
    expect(first.id).toMatch(/^il_/);
    const itemIdOf = (line: Stripe.InvoiceLineItem) => (line as unknown as { invoice_item: string }).invoice_item;
    expect(lines.data.map(itemIdOf).sort()).toEqual(items.map((i) => i.id).sort());
    expect(Object.keys(first)).toEqual(expect.arrayContaining(LINE_ITEM_PROPERTIES));
    const page = await a.stripe.invoices.listLineItems(draft.id, { limit: 2 });
    expect(page.has_more).toBe(true);
    const rest = await a.stripe.invoices.listLineItems(draft.id, { limit: 2, starting_after: page.data[1]!.id });
    expect(rest.data.map((l) => l.amount)).toEqual([300]);
    await expect(other.stripe.invoices.listLineItems(draft.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('lists newest first with customer, status and collection_method filters, and search finds a customer’s invoices', async () => {
    const customer = await a.stripe.customers.create({ email: 'list@example.com' });
    const first = await draftOf(customer.id, [100]);
    const second = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [200])).id);
    const third = await draftOf(customer.id, [300], { collection_method: 'send_invoice', days_until_due: 30 });
    expect(third.due_date).toBe(third.created + 30 * 86_400);

    const all = await a.stripe.invoices.list({ customer: customer.id });
    expect(all.data.map((i) => i.id)).toEqual([third.id, second.id, first.id]);
    expect((await a.stripe.invoices.list({ customer: customer.id, status: 'open' })).data.map((i) => i.id)).toEqual([second.id]);
    expect((await a.stripe.invoices.list({ customer: customer.id, collection_method: 'send_invoice' })).data.map((i) => i.id)).toEqual([third.id]);
    expect((await a.stripe.invoices.list({ customer: customer.id, created: { gte: first.created } })).data).toHaveLength(3);
    const page = await a.stripe.invoices.list({ customer: customer.id, limit: 2 });
    expect(page.has_more).toBe(true);
    expect((await a.stripe.invoices.list({ customer: customer.id, limit: 2, starting_after: page.data[1]!.id })).data.map((i) => i.id)).toEqual([first.id]);
    expect((await other.stripe.invoices.list({ customer: customer.id })).data).toEqual([]);

    const found = await a.stripe.invoices.search({ query: `customer:'${customer.id}'` });
    expect(found).toMatchObject({ object: 'search_result', has_more: false });
    expect(found.data.map((i) => i.id)).toEqual([third.id, second.id, first.id]);
    expect((await a.stripe.invoices.search({ query: `customer:'${customer.id}' AND status:'open'` })).data.map((i) => i.id)).toEqual([second.id]);
    expect((await a.stripe.invoices.search({ query: `customer:'${customer.id}' AND total>=200` })).data.map((i) => i.id)).toEqual([third.id, second.id]);
    expect((await a.stripe.invoices.search({ query: `number:'${second.number}'` })).data.map((i) => i.id)).toEqual([second.id]);
    expect((await other.stripe.invoices.search({ query: `customer:'${customer.id}'` })).data).toEqual([]);
    await expect(a.stripe.invoices.search({ query: 'colour:"red"' })).rejects.toMatchObject({ statusCode: 400, param: 'query' });
  });

  it('applies a credit of −1000 to a 2500 invoice (amount_due 1500) and pays the rest', async () => {
    const { customer } = await payingCustomer('pm_card_visa', 'credit@example.com');
    await a.stripe.customers.createBalanceTransaction(customer.id, { amount: -1000, currency: 'usd', description: 'Goodwill credit' });
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [2500])).id);
    expect(open).toMatchObject({ status: 'open', total: 2500, starting_balance: -1000, ending_balance: 0, amount_due: 1500, amount_remaining: 1500 });
    expect(((await a.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(0);
    const paid = await a.stripe.invoices.pay(open.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1500, amount_remaining: 0 });
    expect((await a.stripe.paymentIntents.retrieve((paid as unknown as { payment_intent: string }).payment_intent)).amount).toBe(1500);
    const txns = (await a.stripe.customers.listBalanceTransactions(customer.id)).data;
    expect(txns.map((t) => [t.type, t.amount, t.invoice])).toEqual([['applied_to_invoice', 1000, open.id], ['adjustment', -1000, null]]);
  });

  it('a remainder below the minimum charge is carried to the customer’s balance and the invoice is paid with nothing charged', async () => {
    const customer = await a.stripe.customers.create({ email: 'too-small@example.com' });
    await a.stripe.customers.createBalanceTransaction(customer.id, { amount: -2470, currency: 'usd' });
    const finalized = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [2500])).id);
    // Stripe: "if the invoice's total is smaller than the minimum charge amount … the amount_due may be 0"; the 30 left is the customer's to pay next time.
    expect(finalized).toMatchObject({ status: 'paid', paid: true, total: 2500, starting_balance: -2470, ending_balance: 30, amount_due: 0, amount_remaining: 0, payment_intent: null, charge: null, attempt_count: 0 });
    expect(((await a.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(30);
    const types = (await a.stripe.customers.listBalanceTransactions(customer.id)).data.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['applied_to_invoice', 'invoice_too_small']));
    expect(await outboxTypes(finalized.id)).toEqual(['invoice.created', 'invoice.updated', 'invoice.finalized', 'invoice.paid']);
  });

  it('voiding an invoice gives the credit applied back to the customer', async () => {
    const customer = await a.stripe.customers.create({ email: 'credit-back@example.com' });
    await a.stripe.customers.createBalanceTransaction(customer.id, { amount: -600, currency: 'usd' });
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [2000])).id);
    expect(open.amount_due).toBe(1400);
    expect(((await a.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(0);
    await a.stripe.invoices.voidInvoice(open.id);
    expect(((await a.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-600);
  });

  it('auto_advance finalizes a draft about an hour after creation and pays it (the test-mode clock)', async () => {
    const { customer } = await payingCustomer('pm_card_visa', 'auto@example.com');
    const draft = await draftOf(customer.id, [1200], { auto_advance: true });
    expect(draft.auto_advance).toBe(true);
    const at = (draft as unknown as { automatically_finalizes_at: number }).automatically_finalizes_at;
    expect(at).toBe(draft.created + 3_600);
    const advance = async (now: number) => {
      const res = await graph(a.secretKey, 'mutation($now: Int) { advanceInvoices(now: $now) }', { now });
      expect(res.body.errors).toBeUndefined();
    };
    await advance(at - 60);
    expect((await a.stripe.invoices.retrieve(draft.id)).status).toBe('draft');
    await advance(at);
    const paid = await a.stripe.invoices.retrieve(draft.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1200, auto_advance: true });
    expect(paid.number).toMatch(/-0001$/);
    // A draft without auto_advance stays a draft whatever the clock says.
    const manual = await draftOf(customer.id, [100]);
    await advance(manual.created + 10 * 3_600);
    expect((await a.stripe.invoices.retrieve(manual.id)).status).toBe('draft');
  });

  it('with the charge service down pay is a retryable 500 and the invoice stays open; once it is back the same attempt pays once', async () => {
    const { customer } = await payingCustomer('pm_card_visa', 'outage@example.com');
    const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [1800])).id);
    await control('/processes/charge/kill');
    try {
      await expect(a.stripe.invoices.pay(open.id)).rejects.toMatchObject({ statusCode: 500, rawType: 'api_error' });
    } finally {
      await control('/processes/charge/start');
    }
    expect(await a.stripe.invoices.retrieve(open.id)).toMatchObject({ status: 'open', amount_paid: 0 });
    const paid = await a.stripe.invoices.pay(open.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1800, attempt_count: 1 });
    const succeeded = (await chargesOf((paid as unknown as { payment_intent: string }).payment_intent)).filter((c) => c.status === 'succeeded');
    expect(succeeded).toHaveLength(1);
  });

  it('updates a draft fully and an open invoice only where Stripe allows', async () => {
    const customer = await a.stripe.customers.create({ email: 'update@example.com' });
    const draft = await draftOf(customer.id, [500]);
    const updated = await a.stripe.invoices.update(draft.id, { description: 'Updated', collection_method: 'send_invoice', days_until_due: 7, metadata: { k: 'v' } });
    expect(updated).toMatchObject({ description: 'Updated', collection_method: 'send_invoice', due_date: draft.created + 7 * 86_400, metadata: { k: 'v' } });
    const open = await a.stripe.invoices.finalizeInvoice(draft.id);
    expect((await a.stripe.invoices.update(open.id, { footer: 'Thanks' })).footer).toBe('Thanks');
    await expect(a.stripe.invoices.update(open.id, { collection_method: 'charge_automatically' })).rejects.toMatchObject({ statusCode: 400, param: 'collection_method' });
    expect((await a.stripe.invoices.retrieve(open.id)).collection_method).toBe('send_invoice');
    expect(await a.stripe.invoices.sendInvoice(open.id)).toMatchObject({ status: 'open' });
  });

  describe('bad input gets Stripe’s error with its param and changes nothing', () => {
    const invoicesOf = async (customer: string) => (await a.stripe.invoices.list({ customer, limit: 100 })).data;

    it.each<[string, (customer: string) => Stripe.InvoiceCreateParams, number, string]>([
      ['an unknown currency', (customer) => ({ customer, currency: 'xyz' }), 400, 'currency'],
      ['send_invoice without a due date', (customer) => ({ customer, collection_method: 'send_invoice' }), 400, 'days_until_due'],
      ['days_until_due and due_date together', (customer) => ({ customer, collection_method: 'send_invoice', days_until_due: 3, due_date: 4_000_000_000 }), 400, 'due_date'],
      ['days_until_due on charge_automatically', (customer) => ({ customer, days_until_due: 3 }), 400, 'days_until_due'],
      ['an unknown customer', () => ({ customer: 'cus_doesnotexist' }), 404, 'customer'],
      ['an unknown collection_method', (customer) => ({ customer, collection_method: 'by_pigeon' as 'send_invoice' }), 400, 'collection_method'],
    ])('refuses to create an invoice with %s', async (_name, params, statusCode, param) => {
      const customer = await a.stripe.customers.create({ email: 'bad-invoice@example.com' });
      await expect(a.stripe.invoices.create(params(customer.id))).rejects.toMatchObject({ statusCode, param, rawType: 'invalid_request_error' });
      expect(await invoicesOf(customer.id)).toEqual([]);
    });

    it('a customer of another account is missing, and nothing is created on either side', async () => {
      const theirs = await other.stripe.customers.create({ email: 'theirs@example.com' });
      await expect(a.stripe.invoices.create({ customer: theirs.id })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer' });
      expect(await invoicesOf(theirs.id)).toEqual([]);
      expect((await other.stripe.invoices.list({ customer: theirs.id })).data).toEqual([]);
    });

    it('another account’s invoice is not found for any action', async () => {
      const customer = await a.stripe.customers.create({ email: 'mine@example.com' });
      const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [400])).id);
      for (const attempt of [
        () => other.stripe.invoices.retrieve(open.id),
        () => other.stripe.invoices.pay(open.id),
        () => other.stripe.invoices.voidInvoice(open.id),
        () => other.stripe.invoices.del(open.id),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
      }
      expect((await a.stripe.invoices.retrieve(open.id)).status).toBe('open');
    });

    it('a negative quantity is refused on the item and nothing is pending', async () => {
      const customer = await a.stripe.customers.create({ email: 'negative@example.com' });
      await expect(a.stripe.invoiceItems.create({ customer: customer.id, unit_amount: 100, quantity: -1, currency: 'usd' } as Stripe.InvoiceItemCreateParams)).rejects.toMatchObject({
        statusCode: 400,
        param: 'quantity',
      });
      expect((await a.stripe.invoiceItems.list({ customer: customer.id })).data).toEqual([]);
    });

    it('pay with a customer that has no payment method names payment_method, and the invoice stays open and unattempted', async () => {
      const customer = await a.stripe.customers.create({ email: 'no-pm@example.com' });
      const open = await a.stripe.invoices.finalizeInvoice((await draftOf(customer.id, [800])).id);
      await expect(a.stripe.invoices.pay(open.id)).rejects.toMatchObject({ statusCode: 400, param: 'payment_method' });
      await expect(a.stripe.invoices.pay(open.id, { payment_method: 'pm_doesnotexist' })).rejects.toMatchObject({ statusCode: 404, param: 'payment_method' });
      expect(await a.stripe.invoices.retrieve(open.id)).toMatchObject({ status: 'open', attempt_count: 0, amount_paid: 0 });
    });

    it('an unknown parameter is refused by name', async () => {
      const customer = await a.stripe.customers.create({ email: 'unknown-param@example.com' });
      await expect(a.stripe.invoices.create({ customer: customer.id, colour: 'red' } as Stripe.InvoiceCreateParams)).rejects.toMatchObject({ statusCode: 400, param: 'colour' });
      expect(await invoicesOf(customer.id)).toEqual([]);
    });
  });
});
