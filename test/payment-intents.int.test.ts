import { Client } from 'pg';
import type Stripe from 'stripe';
import request from 'supertest';
import { signAccountContext } from '../services/chassis/src/account-context';
import { createTestAccount, edge, edgeUrl, eventually, graph, servicePort, type TestAccount } from './support/stack';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';

type StripeError = Stripe.errors.StripeError & { raw: Record<string, any> };
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: StripeError) => err);

/** The charge subgraph itself, as the edge calls it: how Idempotency-Keys and key types reach it. */
async function chargeSubgraph(account: string, query: string, variables: Record<string, unknown>, options: { idempotencyKey?: string; keyType?: 'secret' | 'publishable' } = {}) {
  const req = request(`http://127.0.0.1:${servicePort('charge')}`)
    .post('/graphql')
    .set('x-paygate-account-context', signAccountContext(account, process.env.PAYGATE_CONTEXT_SECRET!, undefined, options.keyType ?? 'secret'));
  if (options.idempotencyKey) req.set('x-paygate-idempotency-key', options.idempotencyKey);
  return (await req.send({ query, variables })).body as { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, any> }[] };
}

let pg: Client;
/** The event types the charge service wrote to its outbox about one object, oldest first. */
async function outboxTypes(account: string, objectId: string): Promise<string[]> {
  const { rows } = await pg.query(`SELECT type FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`, [account, objectId]);
  return rows.map((r) => r.type as string);
}

async function ledgerEntryFor(a: TestAccount, chargeId: string): Promise<Stripe.BalanceTransaction> {
  return eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === chargeId), 20_000, `ledger entry for ${chargeId}`);
}

let a: TestAccount;
beforeAll(async () => {
  a = await createTestAccount('payment intents');
  pg = new Client({ connectionString: databaseUrl(serviceDatabase('charge')) });
  await pg.connect();
});
afterAll(async () => {
  await pg.end();
});

describe('PaymentIntents: the state machine', () => {
  it('confirm=true with pm_card_visa: succeeded, the charge links back, the ledger books it, events in order', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, metadata: { order: '7' } });
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount_received: 2000, amount_capturable: 0, capture_method: 'automatic', last_payment_error: null, next_action: null });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_[0-9A-Za-z]+$`));
    expect(pi.payment_method).toMatch(/^pm_/);
    const charge = await a.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ payment_intent: pi.id, status: 'succeeded', captured: true, amount_captured: 2000, payment_method: pi.payment_method, metadata: { order: '7' } });
    expect(await ledgerEntryFor(a, charge.id)).toMatchObject({ id: charge.balance_transaction, amount: 2000, fee: 88 });
    expect(await outboxTypes(a.id, pi.id)).toEqual(['payment_intent.created', 'payment_intent.succeeded']);
    expect(await outboxTypes(a.id, charge.id)).toEqual(['charge.succeeded']);
    const expanded = await a.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({ id: charge.id, object: 'charge' });
  });

  it('requires_payment_method → update → requires_confirmation → confirm; a second confirm names the intent in its error', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    expect(pi).toMatchObject({ status: 'requires_payment_method', payment_method: null, payment_method_types: ['card'], confirmation_method: 'automatic' });
    const missing = await failure(a.stripe.paymentIntents.confirm(pi.id));
    expect(missing).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state', message: expect.stringContaining("it's missing a payment method") });

    const updated = await a.stripe.paymentIntents.update(pi.id, { payment_method: 'pm_card_mastercard', description: 'Order 8', metadata: { a: '1' } });
    expect(updated).toMatchObject({ status: 'requires_confirmation', description: 'Order 8', metadata: { a: '1' } });
    const confirmed = await a.stripe.paymentIntents.confirm(pi.id);
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 1500 });

    const again = await failure(a.stripe.paymentIntents.confirm(pi.id));
    expect(again).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
      message: 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    });
    expect(again.raw.payment_intent).toMatchObject({ id: pi.id, status: 'succeeded' });
    const amount = await failure(a.stripe.paymentIntents.update(pi.id, { amount: 999 }));
    expect(amount).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state', param: 'amount' });
    // Descriptive fields still change after success, as on Stripe.
    expect(await a.stripe.paymentIntents.update(pi.id, { metadata: { a: '', b: '2' } })).toMatchObject({ metadata: { b: '2' }, amount: 1500 });
  });

  it('manual capture: requires_capture, over-capture refused, a partial capture books only what was captured', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 1000, amount_received: 0 });
    const held = await a.stripe.charges.retrieve(pi.latest_charge as string);
    expect(held).toMatchObject({ captured: false, amount_captured: 0, balance_transaction: null, status: 'succeeded' });
    expect(await outboxTypes(a.id, pi.id)).toEqual(['payment_intent.created', 'payment_intent.amount_capturable_updated']);

    const over = await failure(a.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1001 }));
    expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount_to_capture' });
    const captured = await a.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 600 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 600, amount_capturable: 0 });
    const charge = await a.stripe.charges.retrieve(held.id);
    expect(charge).toMatchObject({ captured: true, amount_captured: 600, amount: 1000 });
    expect(charge.balance_transaction).toMatch(/^txn_/);
    expect(await ledgerEntryFor(a, charge.id)).toMatchObject({ id: charge.balance_transaction, amount: 600, fee: 47, net: 553 });
    expect(await outboxTypes(a.id, charge.id)).toEqual(['charge.succeeded', 'charge.captured']);
    expect(await failure(a.stripe.paymentIntents.capture(pi.id))).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('a decline: 402 naming intent, charge and payment method; the intent back in requires_payment_method', async () => {
    const err = await failure(a.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }));
    expect(err).toMatchObject({ type: 'StripeCardError', statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    const intent = err.raw.payment_intent;
    const chargeId = err.raw.charge as string;
    expect(chargeId).toMatch(/^ch_/);
    expect(intent).toMatchObject({ status: 'requires_payment_method', latest_charge: chargeId, payment_method: null });
    expect(intent.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', charge: chargeId });
    expect(intent.last_payment_error.payment_method.id).toMatch(/^pm_/);
    expect(await a.stripe.charges.retrieve(chargeId)).toMatchObject({ status: 'failed', payment_intent: intent.id, failure_code: 'card_declined', outcome: { type: 'issuer_declined', reason: 'insufficient_funds' } });
    expect(await outboxTypes(a.id, intent.id)).toEqual(['payment_intent.created', 'payment_intent.payment_failed']);
    // A new card recovers the same intent.
    expect(await a.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).toMatchObject({ status: 'succeeded', last_payment_error: null });
  });

  it('a Radar block is a decline with outcome blocked / highest risk', async () => {
    const err = await failure(a.stripe.paymentIntents.create({ amount: 1200, currency: 'usd', payment_method: 'pm_card_radarBlock', confirm: true }));
    expect(err).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'fraudulent' });
    const charge = await a.stripe.charges.retrieve(err.raw.charge);
    expect(charge).toMatchObject({ status: 'failed', outcome: { type: 'blocked', risk_level: 'highest', network_status: 'not_sent_to_network' }, fraud_details: { stripe_report: 'fraudulent' } });
  });

  it('cancel releases a held authorization; a canceled intent can be neither canceled nor confirmed again', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 800, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    const canceled = await a.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer', amount_capturable: 0 });
    expect(canceled.canceled_at).toBeGreaterThan(0);
    expect(await a.stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({ status: 'succeeded', captured: false, balance_transaction: null });
    expect(await failure(a.stripe.paymentIntents.cancel(pi.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
      message: expect.stringContaining('You cannot cancel this PaymentIntent because it has a status of canceled.'),
    });
    expect(await failure(a.stripe.paymentIntents.confirm(pi.id))).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(await outboxTypes(a.id, pi.id)).toEqual(['payment_intent.created', 'payment_intent.amount_capturable_updated', 'payment_intent.canceled']);
  });

  it('two concurrent confirms charge once', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => a.stripe.paymentIntents.confirm(pi.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    const charges = await a.stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data).toHaveLength(1);
  });
});

describe('3-D Secure', () => {
  const requiresAction = async (options: Partial<Stripe.PaymentIntentCreateParams> = {}) => {
    const pi = await a.stripe.paymentIntents.create({ amount: 4200, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: 'https://shop.example/done', ...options });
    expect(pi).toMatchObject({ status: 'requires_action', latest_charge: null, next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/done' } } });
    const url = new URL(pi.next_action!.redirect_to_url!.url!);
    expect(Object.fromEntries(url.searchParams)).toEqual({ merchant: a.id, payment_intent: pi.id, payment_intent_client_secret: pi.client_secret });
    return { pi, pagePath: `${url.pathname}${url.search}` };
  };

  it('the hosted page completes it: succeeded with three_d_secure on the charge; a second submission charges nothing', async () => {
    const { pi, pagePath } = await requiresAction();
    expect(await outboxTypes(a.id, pi.id)).toEqual(['payment_intent.created', 'payment_intent.requires_action']);
    const page = await request(edgeUrl()).get(pagePath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="complete"');
    const form = { merchant: a.id, payment_intent: pi.id, payment_intent_client_secret: pi.client_secret!, outcome: 'complete' };
    const submitted = await request(edgeUrl()).post('/3d_secure_2/hosted').type('form').send(form);
    expect(submitted.status).toBe(303);
    expect(submitted.headers.location).toContain('redirect_status=succeeded');
    const done = await a.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(done).toMatchObject({ status: 'succeeded', next_action: null, amount_received: 4200 });
    expect((done.latest_charge as Stripe.Charge).payment_method_details!.card!.three_d_secure).toMatchObject({ authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' });

    const twice = await request(edgeUrl()).post('/3d_secure_2/hosted').type('form').send(form);
    expect(twice.status).toBe(303);
    expect((await a.stripe.charges.list({ payment_intent: pi.id })).data).toHaveLength(1);
  });

  it('a failed challenge: requires_payment_method with payment_intent_authentication_failure, manual capture holds after success', async () => {
    const { pi } = await requiresAction({ capture_method: 'manual' });
    const mutation = `mutation($id: ID!, $secret: String!, $outcome: ThreeDSecureOutcome!) {
      completeThreeDSecure(id: $id, clientSecret: $secret, outcome: $outcome) { status nextAction { type } lastPaymentError { type code message charge paymentMethod { id } } } }`;
    const wrong = await graph(a.secretKey, mutation, { id: pi.id, secret: `${pi.id}_secret_nope`, outcome: 'complete' });
    expect(wrong.body.errors[0].extensions).toMatchObject({ code: 'client_secret_invalid' });
    const failed = await graph(a.secretKey, mutation, { id: pi.id, secret: pi.client_secret, outcome: 'fail' });
    expect(failed.body.data.completeThreeDSecure).toMatchObject({
      status: 'requires_payment_method',
      nextAction: null,
      lastPaymentError: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', charge: null, paymentMethod: { id: expect.stringMatching(/^pm_/) } },
    });
    const again = await graph(a.secretKey, mutation, { id: pi.id, secret: pi.client_secret, outcome: 'complete' });
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'payment_intent_unexpected_state', paymentIntent: pi.id });

    const retried = await a.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_threeDSecure2Required' });
    expect(retried.status).toBe('requires_action');
    const completed = await graph(a.secretKey, mutation, { id: pi.id, secret: pi.client_secret, outcome: 'complete' });
    expect(completed.body.data.completeThreeDSecure).toMatchObject({ status: 'requires_capture', lastPaymentError: null });
  });
});

describe('keys, secrets and idempotency', () => {
  it('a publishable key retrieves and confirms only with the client secret, and does nothing else', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 1100, currency: 'usd' });
    const pk = edge(a.publishableKey);
    expect((await pk.get(`/v1/payment_intents/${pi.id}`)).status).toBe(403);
    const retrieved = await pk.get(`/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toMatchObject({ id: pi.id, status: 'requires_payment_method' });
    expect((await pk.get(`/v1/payment_intents/${pi.id}?client_secret=${pi.id}_secret_wrong`)).body.error).toMatchObject({ param: 'client_secret' });
    const confirmed = await pk.post(`/v1/payment_intents/${pi.id}/confirm`).type('form').send({ client_secret: pi.client_secret, payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('succeeded');
    expect((await pk.post(`/v1/payment_intents/${pi.id}/capture`).type('form').send({})).status).toBe(403);

    // The subgraph holds the same line when called directly with a publishable context.
    const direct = await chargeSubgraph(a.id, 'query($id: ID!) { paymentIntent(id: $id) { id } }', { id: pi.id }, { keyType: 'publishable' });
    expect(direct.errors![0]!.extensions).toMatchObject({ code: 'resource_missing', param: 'intent' });
    const create = await chargeSubgraph(a.id, 'mutation { createPaymentIntent(input: { amount: 500, currency: "usd" }) { id } }', {}, { keyType: 'publishable' });
    expect(create.errors![0]!.extensions.code).toBe('permission_denied');
  });

  it('an Idempotency-Key reaching the subgraph twice makes one intent, one capture, and replays a decline', async () => {
    const create = `mutation($input: PaymentIntentCreateInput!) { createPaymentIntent(input: $input) { id status latestCharge { id } } }`;
    const input = { amount: 1300, currency: 'usd', paymentMethod: 'pm_card_visa', captureMethod: 'manual', confirm: true };
    const first = await chargeSubgraph(a.id, create, { input }, { idempotencyKey: 'pi-key-1' });
    const second = await chargeSubgraph(a.id, create, { input }, { idempotencyKey: 'pi-key-1' });
    expect(second.data!.createPaymentIntent).toEqual(first.data!.createPaymentIntent);
    const id = first.data!.createPaymentIntent.id as string;

    const capture = `mutation($id: ID!) { capturePaymentIntent(id: $id, input: { amountToCapture: 700 }) { status amountReceived } }`;
    expect((await chargeSubgraph(a.id, capture, { id }, { idempotencyKey: 'cap-key-1' })).data!.capturePaymentIntent).toEqual({ status: 'succeeded', amountReceived: 700 });
    expect((await chargeSubgraph(a.id, capture, { id }, { idempotencyKey: 'cap-key-1' })).data!.capturePaymentIntent).toEqual({ status: 'succeeded', amountReceived: 700 });
    expect(await outboxTypes(a.id, first.data!.createPaymentIntent.latestCharge.id)).toEqual(['charge.succeeded', 'charge.captured']);

    const declined = { amount: 1400, currency: 'usd', paymentMethod: 'pm_card_chargeDeclined', confirm: true };
    const d1 = await chargeSubgraph(a.id, create, { input: declined }, { idempotencyKey: 'pi-key-2' });
    const d2 = await chargeSubgraph(a.id, create, { input: declined }, { idempotencyKey: 'pi-key-2' });
    expect(d1.errors![0]!.extensions).toMatchObject({ code: 'card_declined', declineCode: 'generic_decline', charge: expect.stringMatching(/^ch_/) });
    expect(d2.errors![0]!.extensions).toEqual(d1.errors![0]!.extensions);
    expect((await a.stripe.paymentIntents.list({ limit: 100 })).data.filter((p) => p.amount === 1400)).toHaveLength(1);
  });
});

describe('the 7-day hold, with an injected clock', () => {
  it('releaseExpiredAuthorizations(now) cancels expired intents (automatic) and releases legacy authorizations', async () => {
    const b = await createTestAccount('authorization expiry');
    const held = await b.stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    const legacy = await b.stripe.charges.create({ amount: 700, currency: 'usd', source: 'tok_visa', capture: false });
    const release = `mutation($now: Int) { releaseExpiredAuthorizations(now: $now) }`;
    const now = Math.floor(Date.now() / 1000);
    expect((await graph(b.secretKey, release, { now: now + 6 * 86_400 })).body.data.releaseExpiredAuthorizations).toBe(0);
    expect((await graph(b.secretKey, release, { now: now + 8 * 86_400 })).body.data.releaseExpiredAuthorizations).toBe(2);
    expect((await graph(b.secretKey, release, { now: now + 8 * 86_400 })).body.data.releaseExpiredAuthorizations).toBe(0);

    expect(await b.stripe.paymentIntents.retrieve(held.id)).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic', amount_capturable: 0 });
    expect(await b.stripe.charges.retrieve(held.latest_charge as string)).toMatchObject({ status: 'succeeded', captured: false });
    expect(await outboxTypes(b.id, held.latest_charge as string)).toEqual(['charge.succeeded', 'charge.expired']);
    expect(await failure(b.stripe.charges.capture(legacy.id))).toMatchObject({ statusCode: 400, code: 'charge_expired_for_capture' });
    expect((await graph(b.secretKey, release, { now: -1 })).body.errors[0].extensions.code).toBe('parameter_invalid_integer');
  });
});

describe('lists and search', () => {
  it('lists by customer and created, searches by status, amount and metadata', async () => {
    const c = await createTestAccount('intent search');
    const customer = await c.stripe.customers.create({ email: 'search@example.com' });
    const mine = await c.stripe.paymentIntents.create({ amount: 5000, currency: 'usd', customer: customer.id, metadata: { cart: 'x1' } });
    const paid = await c.stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect((await c.stripe.paymentIntents.list({ customer: customer.id })).data.map((p) => p.id)).toEqual([mine.id]);
    expect((await c.stripe.paymentIntents.list({ limit: 1 })).data.map((p) => p.id)).toEqual([paid.id]);
    expect((await c.stripe.paymentIntents.list({ created: { gt: paid.created + 10 } })).data).toEqual([]);

    const ids = async (query: string) => (await c.stripe.paymentIntents.search({ query })).data.map((p) => p.id);
    expect(await ids(`status:"succeeded"`)).toEqual([paid.id]);
    expect(await ids(`amount>1000`)).toEqual([mine.id]);
    expect(await ids(`metadata['cart']:"x1" AND currency:"usd"`)).toEqual([mine.id]);
    expect(await ids(`customer:"${customer.id}" OR status:"succeeded"`)).toEqual([paid.id, mine.id]);
    expect(await failure(c.stripe.paymentIntents.search({ query: 'bogus:"1"' }))).toMatchObject({ statusCode: 400, param: 'query' });
  });
});

describe('bad input changes nothing', () => {
  it('amount limits, unknown ids and params get Stripe errors', async () => {
    const before = (await a.stripe.paymentIntents.list({ limit: 100 })).data.length;
    expect(await failure(a.stripe.paymentIntents.create({ amount: 100_000_000, currency: 'usd' }))).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    expect(await failure(a.stripe.paymentIntents.create({ amount: 10, currency: 'usd' }))).toMatchObject({ statusCode: 400, code: 'amount_too_small', param: 'amount' });
    expect(await failure(a.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_nope', confirm: true }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'payment_method',
    });
    expect(await failure(a.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true }))).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(await failure(a.stripe.paymentIntents.retrieve('pi_doesnotexist'))).toMatchObject({ statusCode: 404, message: "No such payment_intent: 'pi_doesnotexist'", param: 'intent' });
    expect(await failure(a.stripe.paymentIntents.capture('pi_doesnotexist'))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await a.stripe.paymentIntents.list({ limit: 100 })).data).toHaveLength(before);
  });
});

describe('charges, complete', () => {
  it('charges a customer’s payment method with `customer` alone; neither source nor customer is parameter_missing', async () => {
    const customer = await a.stripe.customers.create({ email: 'pays@example.com' });
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    await a.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const charge = await a.stripe.charges.create({ amount: 1800, currency: 'usd', customer: customer.id });
    expect(charge).toMatchObject({ status: 'succeeded', customer: customer.id, payment_method: pm.id });
    expect(await failure(a.stripe.charges.create({ amount: 1800, currency: 'usd' }))).toMatchObject({ statusCode: 400, code: 'parameter_missing', message: 'Must provide source or customer.' });
    expect(await failure(a.stripe.charges.create({ amount: 100_000_000, currency: 'usd', source: 'tok_visa' }))).toMatchObject({ statusCode: 400, code: 'amount_too_large' });

    const res = await graph(a.secretKey, `query($id: ID!) { charge(id: $id) { customer { id email charges { data { id } } } } }`, { id: charge.id });
    expect(res.body.data.charge.customer).toEqual({ id: customer.id, email: 'pays@example.com', charges: { data: [{ id: charge.id }] } });
  });

  it('updates merge metadata, set fraud details and emit charge.updated', async () => {
    const charge = await a.stripe.charges.create({ amount: 900, currency: 'usd', source: 'tok_visa', metadata: { a: '1', b: '2' } });
    const updated = await a.stripe.charges.update(charge.id, { description: 'Order 9', metadata: { b: '', c: '3' }, fraud_details: { user_report: 'safe' }, receipt_email: 'r@example.com' });
    expect(updated).toMatchObject({ description: 'Order 9', metadata: { a: '1', c: '3' }, fraud_details: { user_report: 'safe' }, receipt_email: 'r@example.com' });
    expect(await outboxTypes(a.id, charge.id)).toEqual(['charge.succeeded', 'charge.updated']);
    expect(await failure(a.stripe.charges.update('ch_nope', { description: 'x' }))).toMatchObject({ statusCode: 404, message: "No such charge: 'ch_nope'" });
  });

  it('a legacy authorization captures in part and books the captured amount', async () => {
    const auth = await a.stripe.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa', capture: false });
    expect(await failure(a.stripe.charges.capture(auth.id, { amount: 2001 }))).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    const captured = await a.stripe.charges.capture(auth.id, { amount: 1500 });
    expect(captured).toMatchObject({ captured: true, amount_captured: 1500, amount: 2000 });
    expect(await ledgerEntryFor(a, auth.id)).toMatchObject({ amount: 1500, fee: 74 });
  });

  it('capturing an intent’s charge captures the intent; searches charges by payment_intent, amount and status', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 3300, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    const charge = await a.stripe.charges.capture(pi.latest_charge as string);
    expect(charge).toMatchObject({ captured: true, amount_captured: 3300, payment_intent: pi.id });
    expect(await a.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ status: 'succeeded', amount_received: 3300 });

    const search = async (query: string) => (await a.stripe.charges.search({ query })).data.map((c) => c.id);
    expect(await search(`payment_intent:"${pi.id}"`)).toEqual([charge.id]);
    expect(await search(`payment_intent:"${pi.id}" AND amount>=3300 AND status:"succeeded"`)).toEqual([charge.id]);
    expect(await search(`payment_intent:"${pi.id}" AND status:"failed"`)).toEqual([]);
    const res = await graph(a.secretKey, `query($id: ID!) { charge(id: $id) { paymentIntent { id status latestCharge { id } } } }`, { id: charge.id });
    expect(res.body.data.charge.paymentIntent).toEqual({ id: pi.id, status: 'succeeded', latestCharge: { id: charge.id } });
  });
});
