import Stripe from 'stripe';
import { createTestAccount, edge, edgeUrl, eventually, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

/**
 * The payments-core walk a merchant makes with the official SDK: a vaulted card, an attached
 * payment method, intents that succeed, decline, capture in part and cancel, a token made with the
 * publishable key, and charges listed, searched and expanded.
 */
describe('payments core through the official stripe SDK', () => {
  let a: TestAccount;
  let publishable: Stripe;
  beforeAll(async () => {
    a = await createTestAccount('payments core');
    const url = new URL(edgeUrl());
    publishable = new Stripe(a.publishableKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  });

  it('a charge just created renders as its retrieve does (the create response skips the refund subgraph: nothing can be refunded yet)', async () => {
    const created = await a.stripe.charges.create({ amount: 1500, currency: 'usd', source: 'tok_visa', metadata: { order: '7' } });
    expect(created).toMatchObject({ amount_refunded: 0, refunded: false, refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${created.id}/refunds` } });
    expectStripeShape(created, 'charge');
    // The ledger books the charge from Kafka, so its balance transaction may appear only after the response.
    const retrieved = await eventually(async () => {
      const c = await a.stripe.charges.retrieve(created.id);
      return c.balance_transaction ? c : undefined;
    });
    const { balance_transaction: _created, lastResponse: _l1, ...createdRest } = created as unknown as Record<string, unknown>;
    const { balance_transaction: _retrieved, lastResponse: _l2, ...retrievedRest } = retrieved as unknown as Record<string, unknown>;
    expect(createdRest).toEqual(retrievedRest);
    // Once refunded, the charge itself shows it (the retrieve path asks the refund subgraph).
    await a.stripe.refunds.create({ charge: created.id, amount: 500 });
    expect(await a.stripe.charges.retrieve(created.id)).toMatchObject({ amount_refunded: 500, refunded: false, refunds: { total_count: 1 } });
  });

  it('a payment method from a raw number never shows the number, attaches, and pays an intent', async () => {
    const customer = await a.stripe.customers.create({ email: 'payer@example.com' });
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2040, cvc: '314' } });
    expect(JSON.stringify(pm)).not.toMatch(/4242[ .-]?4242[ .-]?4242[ .-]?4242/);
    expect(pm).toMatchObject({ object: 'payment_method', type: 'card', customer: null, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 } });
    expectStripeShape(pm, 'payment_method');

    const attached = await a.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    expect(attached.customer).toBe(customer.id);
    expect((await a.stripe.customers.listPaymentMethods(customer.id)).data.map((p) => p.id)).toEqual([pm.id]);

    const intent = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true });
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount_received: 2000, customer: customer.id, payment_method: pm.id });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(intent.latest_charge).toMatch(/^ch_/);
    expectStripeShape(intent, 'payment_intent');

    const charge = await a.stripe.charges.retrieve(intent.latest_charge as string, { expand: ['customer', 'payment_intent'] });
    expect(charge).toMatchObject({ payment_intent: { id: intent.id, object: 'payment_intent' }, customer: { id: customer.id, object: 'customer' }, amount_captured: 2000 });
    expectStripeShape(charge, 'charge');

    const byCustomer = await a.stripe.charges.list({ customer: customer.id });
    expect(byCustomer.data.map((c) => c.id)).toEqual([charge.id]);
  });

  it('the customer’s default payment method must be one of its own', async () => {
    const customer = await a.stripe.customers.create({ email: 'default@example.com' });
    await expect(a.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: 'pm_doesnotexist' } })).rejects.toMatchObject({ statusCode: 404, param: 'invoice_settings[default_payment_method]' });
    const loose = await a.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    await expect(a.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: loose.id } })).rejects.toMatchObject({ statusCode: 400 });
    await a.stripe.paymentMethods.attach(loose.id, { customer: customer.id });
    const updated = await a.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: loose.id } });
    expect(updated.invoice_settings.default_payment_method).toBe(loose.id);
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
  ])('%s declines with 402 %s / %s, the intent on the error and back in requires_payment_method', async (paymentMethod, code, declineCode) => {
    const err = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: paymentMethod, confirm: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = err as Stripe.errors.StripeCardError;
    expect(cardError).toMatchObject({ statusCode: 402, code, decline_code: declineCode });
    const intent = cardError.payment_intent!;
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method' });
    expect(intent.last_payment_error).toMatchObject({ type: 'card_error', code, decline_code: declineCode });
    const again = await a.stripe.paymentIntents.retrieve(intent.id);
    expect(again.status).toBe('requires_payment_method');
    expect(again.latest_charge).toMatch(/^ch_/);
  });

  it('manual capture of 1500 of 2000 receives 1500 and releases the rest; the ledger books 1500', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 2000, amount_received: 0 });
    const captured = await a.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1500 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 1500, amount_capturable: 0 });
    const charge = await a.stripe.charges.retrieve(captured.latest_charge as string);
    expect(charge).toMatchObject({ captured: true, amount: 2000, amount_captured: 1500 });
    const entry = await eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === charge.id), 20_000, 'ledger entry');
    expect(entry).toMatchObject({ amount: 1500, fee: 74, net: 1426 });
    await expect(a.stripe.paymentIntents.capture(intent.id)).rejects.toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('cancels an uncaptured intent; a canceled intent cannot be confirmed', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    const canceled = await a.stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer', amount_capturable: 0 });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    const err = (await a.stripe.paymentIntents.confirm(intent.id).catch((e: unknown) => e)) as Stripe.errors.StripeInvalidRequestError;
    expect(err).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(err.payment_intent).toMatchObject({ id: intent.id, status: 'canceled' });
  });

  it('a token made with the publishable key charges once; it cannot be used twice', async () => {
    const token = await publishable.tokens.create({ card: { number: '5555555555554444', exp_month: '10', exp_year: '2041', cvc: '123' } } as Stripe.TokenCreateParams);
    expect(token).toMatchObject({ object: 'token', type: 'card', used: false, card: { brand: 'MasterCard', last4: '4444', object: 'card' } });
    expectStripeShape(token, 'token');
    expect(JSON.stringify(token)).not.toContain('5555555555554444');
    await expect(publishable.charges.create({ amount: 1000, currency: 'usd', source: token.id })).rejects.toMatchObject({ statusCode: 403 });
    const charge = await a.stripe.charges.create({ amount: 1000, currency: 'usd', source: token.id });
    expect(charge).toMatchObject({ status: 'succeeded', source: { brand: 'MasterCard', last4: '4444' } });
    expect((await a.stripe.tokens.retrieve(token.id)).used).toBe(true);
    await expect(a.stripe.charges.create({ amount: 1000, currency: 'usd', source: token.id })).rejects.toMatchObject({ statusCode: 400, code: 'token_already_used' });
  });

  it('Stripe.js-style: a publishable key retrieves and confirms with the client secret, and nothing else', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 2500, currency: 'usd' });
    expect(intent.status).toBe('requires_payment_method');
    await expect(publishable.paymentIntents.retrieve(intent.id)).rejects.toMatchObject({ statusCode: 403 });
    const seen = await publishable.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret! });
    expect(seen.id).toBe(intent.id);
    await expect(publishable.paymentIntents.retrieve(intent.id, { client_secret: `${intent.id}_secret_nottheone` })).rejects.toMatchObject({ statusCode: expect.any(Number) });
    const confirmed = await publishable.paymentIntents.confirm(intent.id, { client_secret: intent.client_secret!, payment_method: 'pm_card_visa' } as Stripe.PaymentIntentConfirmParams);
    expect(confirmed.status).toBe('succeeded');
  });

  it('searches charges by status and lists intents by customer; expands three levels', async () => {
    const customer = await a.stripe.customers.create({ email: 'deep@example.com', metadata: { tier: 'gold' } });
    const intent = await a.stripe.paymentIntents.create({ amount: 4444, currency: 'usd', customer: customer.id, payment_method: 'pm_card_mastercard', confirm: true, metadata: { order: 'deep-1' } });
    const failed = await a.stripe.charges.search({ query: 'status:"failed"' });
    expect(failed.object).toBe('search_result');
    expect(failed.data.length).toBeGreaterThanOrEqual(2);
    expect(failed.data.every((c) => c.status === 'failed')).toBe(true);
    const big = await a.stripe.charges.search({ query: `amount>4443 AND status:"succeeded"` });
    expect(big.data.map((c) => c.id)).toContain(intent.latest_charge);

    const listed = await a.stripe.paymentIntents.list({ customer: customer.id });
    expect(listed.data.map((i) => i.id)).toEqual([intent.id]);
    const searched = await a.stripe.paymentIntents.search({ query: `metadata['order']:'deep-1'` });
    expect(searched.data.map((i) => i.id)).toEqual([intent.id]);

    const deep = await a.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge.payment_intent.customer'] });
    const charge = deep.latest_charge as Stripe.Charge;
    const back = charge.payment_intent as Stripe.PaymentIntent;
    expect(back.id).toBe(intent.id);
    expect(back.customer).toMatchObject({ id: customer.id, object: 'customer', metadata: { tier: 'gold' } });
    const list = await a.stripe.charges.list({ payment_intent: intent.id, expand: ['data.payment_intent'] });
    expect((list.data[0]!.payment_intent as Stripe.PaymentIntent).id).toBe(intent.id);
  });

  it('refuses bad input on the new endpoints with Stripe’s error and param', async () => {
    const post = (path: string, body: string) => edge(a.secretKey).post(path).type('form').send(body);
    const cases: [string, string, number, string][] = [
      ['/v1/payment_intents', 'currency=usd', 400, 'amount'],
      ['/v1/payment_intents', 'amount=2000&currency=usd&capture_method=later', 400, 'capture_method'],
      ['/v1/payment_intents', 'amount=2000&currency=usd&colour=red', 400, 'colour'],
      ['/v1/payment_intents', 'amount=99999999999&currency=usd', 400, 'amount'],
      ['/v1/payment_methods', 'type=card&card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=2040', 402, 'number'],
      ['/v1/payment_methods', 'type=card&card[number]=4242424242424242&card[exp_month]=13&card[exp_year]=2040', 402, 'exp_month'],
      ['/v1/payment_methods', 'type=card&card[number]=4242424242424242&card[exp_month]=1&card[exp_year]=2001', 402, 'exp_year'],
      ['/v1/payment_methods', 'type=sepa_debit', 400, 'type'],
      ['/v1/payment_methods/pm_card_visa/attach', 'customer=cus_doesnotexist', 404, 'customer'],
      ['/v1/payment_intents', 'amount=2000&currency=usd&customer=cus_doesnotexist', 404, 'customer'],
      ['/v1/charges', 'amount=2000&currency=usd&source=tok_visa&customer=cus_doesnotexist', 404, 'customer'],
    ];
    for (const [path, body, status, param] of cases) {
      const res = await post(path, body);
      expect({ path, body, status: res.status, param: res.body.error?.param }).toEqual({ path, body, status, param });
      expect(JSON.stringify(res.body)).not.toContain('424242424242424');
    }
    const customer = await a.stripe.customers.create({ email: 'gone@example.com' });
    await a.stripe.customers.del(customer.id);
    await expect(a.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })).rejects.toMatchObject({ statusCode: 404, param: 'customer' });
    const missing = await edge(a.secretKey).get('/v1/payment_intents/pi_doesnotexist');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
  });

  it('an authorization older than 7 days is released (the clock injected through the graph)', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    const now = Math.floor(Date.now() / 1000);
    const release = (at: number) =>
      edge(a.secretKey)
        .post('/graphql')
        .send({ query: 'mutation($now: Int) { releaseExpiredAuthorizations(now: $now) }', variables: { now: at } });
    expect((await release(now + 6 * 86_400)).body.data.releaseExpiredAuthorizations).toBe(0);
    expect((await a.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');
    expect((await release(now + 8 * 86_400)).body.data.releaseExpiredAuthorizations).toBeGreaterThanOrEqual(1);
    const released = await a.stripe.paymentIntents.retrieve(intent.id);
    expect(released).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic', amount_capturable: 0 });
  });
});
