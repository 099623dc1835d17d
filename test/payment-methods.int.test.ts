import { Client } from 'pg';
import type Stripe from 'stripe';
import { createTestAccount, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';

const expYear = new Date().getUTCFullYear() + 3;
const rawCard = (number: string) => ({ number, exp_month: 4, exp_year: expYear, cvc: '314' });

describe('payment methods through the official stripe SDK', () => {
  let a: TestAccount;
  let pg: Client;
  beforeAll(async () => {
    a = await createTestAccount('payment methods');
    pg = new Client({ connectionString: databaseUrl(serviceDatabase('charge')) });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
  });

  const outboxEvents = async (pm: string) =>
    (await pg.query(`SELECT type, payload, published_at FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`, [a.id, pm])).rows as {
      type: string;
      payload: { data: { object: Record<string, unknown> } };
      published_at: Date | null;
    }[];

  it('creates a card payment method from raw fields, with billing details and metadata, and retrieves it', async () => {
    const pm = await a.stripe.paymentMethods.create({
      type: 'card',
      card: rawCard('4242-4242-4242-4242'),
      billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com', address: { postal_code: '94107', country: 'US' } },
      metadata: { order: '6735' },
    });
    expect(pm.id).toMatch(/^pm_[0-9A-Za-z]{24}$/);
    expect(pm).toMatchObject({ object: 'payment_method', type: 'card', customer: null, livemode: false, metadata: { order: '6735' } });
    expect(pm.billing_details).toEqual({ name: 'Jenny Rosen', email: 'jenny@example.com', phone: null, address: { city: null, country: 'US', line1: null, line2: null, postal_code: '94107', state: null } });
    expect(pm.card).toMatchObject({
      brand: 'visa', last4: '4242', exp_month: 4, exp_year: expYear, funding: 'credit', country: 'US', wallet: null,
      checks: { cvc_check: 'pass', address_line1_check: null, address_postal_code_check: null },
      networks: { available: ['visa'], preferred: null }, three_d_secure_usage: { supported: true },
    });
    expectStripeShape(pm, 'payment_method');
    expect(await a.stripe.paymentMethods.retrieve(pm.id)).toEqual(pm);
    expect(JSON.stringify(pm)).not.toContain('4242424242424242');
  });

  it('refuses bad cards with Stripe card errors and ids it does not have with 404', async () => {
    await expect(a.stripe.paymentMethods.create({ type: 'card', card: rawCard('4242424242424241') })).rejects.toMatchObject({ statusCode: 402, code: 'incorrect_number', param: 'number' });
    await expect(a.stripe.paymentMethods.create({ type: 'card', card: { ...rawCard('4242424242424242'), exp_month: 0 } })).rejects.toMatchObject({ statusCode: 402, code: 'invalid_expiry_month' });
    await expect(a.stripe.paymentMethods.retrieve('pm_card_visa')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const other = await createTestAccount('payment methods elsewhere');
    const theirs = await other.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } });
    await expect(a.stripe.paymentMethods.retrieve(theirs.id)).rejects.toMatchObject({ statusCode: 404, message: `No such PaymentMethod: '${theirs.id}'` });
  });

  it('attaches, lists by customer newest first, detaches — with one event per change, published', async () => {
    const customer = await a.stripe.customers.create({ name: 'Attach Me' });
    const other = await a.stripe.customers.create({ name: 'Someone Else' });
    const ids: string[] = [];
    for (const token of ['tok_visa', 'tok_mastercard', 'tok_amex']) {
      const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { token } });
      const attached = await a.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
      expect(attached.customer).toBe(customer.id);
      ids.push(pm.id);
    }
    // attaching again to the same customer changes nothing; to another one is refused
    expect((await a.stripe.paymentMethods.attach(ids[0]!, { customer: customer.id })).customer).toBe(customer.id);
    await expect(a.stripe.paymentMethods.attach(ids[0]!, { customer: other.id })).rejects.toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });

    const page = await a.stripe.paymentMethods.list({ customer: customer.id, type: 'card', limit: 2 });
    expect(page.data.map((pm) => pm.id)).toEqual([ids[2], ids[1]]);
    expect(page.has_more).toBe(true);
    const rest = await a.stripe.paymentMethods.list({ customer: customer.id, starting_after: ids[1] });
    expect(rest.data.map((pm) => pm.id)).toEqual([ids[0]]);
    expect((await a.stripe.customers.listPaymentMethods(customer.id)).data.map((pm) => pm.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await a.stripe.paymentMethods.list({ customer: other.id })).data).toEqual([]);

    const detached = await a.stripe.paymentMethods.detach(ids[1]!);
    expect(detached.customer).toBeNull();
    await expect(a.stripe.paymentMethods.detach(ids[1]!)).rejects.toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });
    expect((await a.stripe.paymentMethods.list({ customer: customer.id })).data.map((pm) => pm.id)).toEqual([ids[2], ids[0]]);

    const events = await eventually(async () => {
      const rows = await outboxEvents(ids[1]!);
      return rows.length === 2 && rows.every((r) => r.published_at) ? rows : null;
    }, 20_000, 'payment_method events published');
    expect(events.map((e) => e.type)).toEqual(['payment_method.attached', 'payment_method.detached']);
    expect(events[0]!.payload.data.object).toMatchObject({ object: 'payment_method', id: ids[1], customer: customer.id, card: { last4: '4444' } });
    expect(events[1]!.payload.data.object).toMatchObject({ object: 'payment_method', customer: null });
  });

  it('attaches a pm_card_* alias as a new payment method, and declines the cards Stripe cannot attach', async () => {
    const customer = await a.stripe.customers.create({ name: 'Aliases' });
    const visa = await a.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(visa.id).toMatch(/^pm_[0-9A-Za-z]{24}$/);
    expect(visa).toMatchObject({ customer: customer.id, card: { brand: 'visa', last4: '4242' } });
    const later = await a.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    expect(later.card!.last4).toBe('0341');
    await expect(a.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id })).rejects.toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    await expect(a.stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: customer.id })).rejects.toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds' });
    await expect(a.stripe.paymentMethods.attach('pm_card_chargeDeclinedExpiredCard', { customer: customer.id })).rejects.toMatchObject({ statusCode: 402, code: 'expired_card' });
    // the declined aliases left nothing behind
    expect((await a.stripe.paymentMethods.list({ customer: customer.id })).data.map((pm) => pm.id)).toEqual([later.id, visa.id]);
    await expect(a.stripe.paymentMethods.attach(visa.id, { customer: 'not_a_customer' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer', message: "No such customer: 'not_a_customer'" });
  });

  it('updates billing details, expiry and metadata of an attached payment method only', async () => {
    const customer = await a.stripe.customers.create({ name: 'Updates' });
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: rawCard('5555555555554444'), metadata: { keep: 'yes', drop: 'soon' } });
    await expect(a.stripe.paymentMethods.update(pm.id, { metadata: { x: 'y' } })).rejects.toMatchObject({ statusCode: 400 });
    await a.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const updated = await a.stripe.paymentMethods.update(pm.id, {
      billing_details: { name: 'New Name', address: { city: 'Berlin' } },
      card: { exp_month: 11, exp_year: expYear + 1 },
      metadata: { drop: '', added: 'now' },
    });
    expect(updated.metadata).toEqual({ keep: 'yes', added: 'now' });
    expect(updated.card).toMatchObject({ exp_month: 11, exp_year: expYear + 1, last4: '4444', fingerprint: pm.card!.fingerprint });
    expect(updated.billing_details).toMatchObject({ name: 'New Name', address: { city: 'Berlin' } });
    await expect(a.stripe.paymentMethods.update(pm.id, { card: { exp_month: 13 } })).rejects.toMatchObject({ statusCode: 402, code: 'invalid_expiry_month' });
    await expect(a.stripe.paymentMethods.update(pm.id, { card: { exp_year: 2020 } })).rejects.toMatchObject({ statusCode: 402, code: 'invalid_expiry_year' });
    const events = await outboxEvents(pm.id);
    expect(events.map((e) => e.type)).toEqual(['payment_method.attached', 'payment_method.updated']);
    expect(events[1]!.payload.data.object).toMatchObject({ object: 'payment_method', metadata: { keep: 'yes', added: 'now' }, card: { expMonth: 11 } });
  });

  it("adds the customer's payment methods to the federated Customer", async () => {
    const customer = await a.stripe.customers.create({ name: 'Graph' });
    const pms: Stripe.PaymentMethod[] = [];
    for (const token of ['tok_visa', 'tok_discover']) pms.push(await a.stripe.paymentMethods.attach((await a.stripe.paymentMethods.create({ type: 'card', card: { token } })).id, { customer: customer.id }));
    const res = await graph(a.secretKey, 'query($id: ID!) { customer(id: $id) { id paymentMethods(limit: 1) { hasMore data { id customer { id } card { brand last4 } } } } }', { id: customer.id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.customer.paymentMethods).toEqual({ hasMore: true, data: [{ id: pms[1]!.id, customer: { id: customer.id }, card: { brand: 'discover', last4: '1117' } }] });
  });
});
