import { Client } from 'pg';
import type Stripe from 'stripe';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { createTestAccount, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

/**
 * Invoice items through the official SDK: pending on the customer, onto a draft whose totals follow,
 * updates and deletes while pending or on a draft only, list filters, and bad input that gets Stripe's
 * error with its param and changes nothing.
 */
describe('invoice items through the official stripe SDK', () => {
  let a: TestAccount;
  let other: TestAccount;
  let invoiceDb: Client;
  let customer: Stripe.Customer;

  beforeAll(async () => {
    [a, other] = await Promise.all([createTestAccount('invoice items'), createTestAccount('invoice items, other account')]);
    invoiceDb = new Client({ connectionString: databaseUrl(serviceDatabase('invoice')) });
    await invoiceDb.connect();
    customer = await a.stripe.customers.create({ email: 'items@example.com' });
  });
  afterAll(async () => {
    await invoiceDb.end();
  });

  const eventTypes = async (objectId: string) =>
    (await invoiceDb.query<{ type: string }>(`SELECT type FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`, [a.id, objectId])).rows.map((r) => r.type);
  const itemsOf = async (customerId: string) => (await a.stripe.invoiceItems.list({ customer: customerId, limit: 100 })).data;

  it('creates a pending item in the customer’s currency (usd by default), with Stripe’s shape', async () => {
    const item = await a.stripe.invoiceItems.create({ customer: customer.id, amount: 2500, description: 'Setup fee', metadata: { order: '7' } });
    expect(item).toMatchObject({
      object: 'invoiceitem', customer: customer.id, amount: 2500, currency: 'usd', quantity: 1, description: 'Setup fee', invoice: null,
      metadata: { order: '7' }, discountable: true, proration: false, livemode: false,
    });
    expect(item.id).toMatch(/^ii_/);
    expect(item.period.start).toBe(item.date);
    expectStripeShape(item, 'invoiceitem');
    expect(await a.stripe.invoiceItems.retrieve(item.id)).toEqual(item);
    expect(await eventTypes(item.id)).toEqual(['invoiceitem.created']);
  });

  it('unit_amount × quantity, then an update of either side', async () => {
    const item = await a.stripe.invoiceItems.create({ customer: customer.id, unit_amount: 700, quantity: 3, currency: 'usd' } as Stripe.InvoiceItemCreateParams);
    expect(item).toMatchObject({ amount: 2100, quantity: 3, unit_amount_decimal: '700' });
    const more = await a.stripe.invoiceItems.update(item.id, { quantity: 5, metadata: { a: '1' } });
    expect(more).toMatchObject({ amount: 3500, quantity: 5, metadata: { a: '1' } });
    const flat = await a.stripe.invoiceItems.update(item.id, { amount: 999, metadata: { a: '', b: '2' } } as Stripe.InvoiceItemUpdateParams);
    expect(flat).toMatchObject({ amount: 999, quantity: 1, metadata: { b: '2' } });
    expect(await eventTypes(item.id)).toEqual(['invoiceitem.created', 'invoiceitem.updated', 'invoiceitem.updated']);
  });

  it('an item onto a draft moves the draft’s totals; on an open invoice it can no longer change', async () => {
    const buyer = await a.stripe.customers.create({ email: 'draft-items@example.com' });
    const draft = await a.stripe.invoices.create({ customer: buyer.id });
    expect(draft).toMatchObject({ status: 'draft', total: 0, amount_due: 0 });
    const first = await a.stripe.invoiceItems.create({ customer: buyer.id, amount: 1000, invoice: draft.id });
    const second = await a.stripe.invoiceItems.create({ customer: buyer.id, amount: 500, invoice: draft.id });
    expect(first.invoice).toBe(draft.id);
    expect(await a.stripe.invoices.retrieve(draft.id)).toMatchObject({ subtotal: 1500, total: 1500, amount_due: 1500 });
    await a.stripe.invoiceItems.update(second.id, { amount: 700 } as Stripe.InvoiceItemUpdateParams);
    expect((await a.stripe.invoices.retrieve(draft.id)).total).toBe(1700);
    expect(await a.stripe.invoiceItems.del(second.id)).toEqual({ id: second.id, object: 'invoiceitem', deleted: true });
    expect((await a.stripe.invoices.retrieve(draft.id)).total).toBe(1000);
    await expect(a.stripe.invoiceItems.retrieve(second.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });

    const open = await a.stripe.invoices.finalizeInvoice(draft.id);
    expect(open.status).toBe('open');
    await expect(a.stripe.invoiceItems.update(first.id, { amount: 1 } as Stripe.InvoiceItemUpdateParams)).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    await expect(a.stripe.invoiceItems.del(first.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(a.stripe.invoiceItems.create({ customer: buyer.id, amount: 300, invoice: draft.id })).rejects.toMatchObject({ statusCode: 400, param: 'invoice' });
    expect(await a.stripe.invoiceItems.retrieve(first.id)).toMatchObject({ amount: 1000, invoice: draft.id });
    expect((await a.stripe.invoices.retrieve(draft.id)).total).toBe(1000);
    expect(await itemsOf(buyer.id)).toHaveLength(1);
  });

  it('lists newest first, by customer, invoice and pending, and pages', async () => {
    const buyer = await a.stripe.customers.create({ email: 'list-items@example.com' });
    const pending = [];
    for (const amount of [100, 200, 300]) pending.push(await a.stripe.invoiceItems.create({ customer: buyer.id, amount }));
    const draft = await a.stripe.invoices.create({ customer: buyer.id });
    const onDraft = await a.stripe.invoiceItems.create({ customer: buyer.id, amount: 400, invoice: draft.id });

    expect((await itemsOf(buyer.id)).map((i) => i.id)).toEqual([onDraft.id, ...pending.map((i) => i.id).reverse()]);
    const pendingOnly = await a.stripe.invoiceItems.list({ customer: buyer.id, pending: true });
    expect(pendingOnly.data.map((i) => i.amount)).toEqual([300, 200, 100]);
    const invoiced = await a.stripe.invoiceItems.list({ customer: buyer.id, pending: false });
    expect(invoiced.data.map((i) => i.id)).toEqual([onDraft.id]);
    expect((await a.stripe.invoiceItems.list({ invoice: draft.id })).data.map((i) => i.id)).toEqual([onDraft.id]);
    const page = await a.stripe.invoiceItems.list({ customer: buyer.id, limit: 2 });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/invoiceitems' });
    const rest = await a.stripe.invoiceItems.list({ customer: buyer.id, limit: 2, starting_after: page.data[1]!.id });
    expect(rest.data.map((i) => i.amount)).toEqual([200, 100]);
    expect(rest.has_more).toBe(false);
    // Another account sees none of them.
    expect((await other.stripe.invoiceItems.list({ customer: buyer.id })).data).toEqual([]);
    await expect(other.stripe.invoiceItems.retrieve(onDraft.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no customer', { customer: undefined, amount: 100 }, 400, 'customer'],
    ['an unknown customer', { customer: 'cus_doesnotexist', amount: 100 }, 404, 'customer'],
    ['an unknown currency', { amount: 100, currency: 'xyz' }, 400, 'currency'],
    ['a negative quantity', { unit_amount: 100, quantity: -1 }, 400, 'quantity'],
    ['amount and unit_amount', { amount: 100, unit_amount: 100 }, 400, 'unit_amount'],
    ['no amount at all', { quantity: 2 }, 400, 'amount'],
    ['a fractional unit_amount_decimal', { unit_amount_decimal: '10.5' }, 400, 'unit_amount_decimal'],
    ['an unknown invoice', { amount: 100, invoice: 'in_doesnotexist' }, 404, 'invoice'],
    ['an amount over the maximum', { amount: 100_000_000 }, 400, 'amount'],
  ])('refuses %s with Stripe’s error and creates nothing', async (_name, params, statusCode, param) => {
    const buyer = await a.stripe.customers.create({ email: 'bad-items@example.com' });
    const body = { customer: buyer.id, ...params } as Stripe.InvoiceItemCreateParams;
    await expect(a.stripe.invoiceItems.create(body)).rejects.toMatchObject({ statusCode, param, rawType: 'invalid_request_error' });
    expect(await itemsOf(buyer.id)).toEqual([]);
  });

  it('refuses a customer of another account as missing, and creates nothing', async () => {
    const theirs = await other.stripe.customers.create({ email: 'theirs@example.com' });
    await expect(a.stripe.invoiceItems.create({ customer: theirs.id, amount: 100 })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer' });
    expect((await other.stripe.invoiceItems.list({ customer: theirs.id })).data).toEqual([]);
    expect((await a.stripe.invoiceItems.list({ customer: theirs.id })).data).toEqual([]);
  });

  it('deletes a pending item with Stripe’s deleted object and its event', async () => {
    const item = await a.stripe.invoiceItems.create({ customer: customer.id, amount: 50 });
    expect(await a.stripe.invoiceItems.del(item.id)).toEqual({ id: item.id, object: 'invoiceitem', deleted: true });
    await expect(a.stripe.invoiceItems.del(item.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await eventTypes(item.id)).toEqual(['invoiceitem.created', 'invoiceitem.deleted']);
  });
});
