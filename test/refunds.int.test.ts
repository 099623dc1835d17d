import { Client } from 'pg';
import Stripe from 'stripe';
import { createTestAccount, edge, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';


/**
 * Refunds through the official SDK: partial and full, refused over-refunds that change nothing, by
 * intent, lists, the release of an uncaptured authorization, the late failure of 4000000000005126,
 * 50 concurrent refunds of one charge, the ledger's debit, and a refund its request left pending.
 */
describe('refunds through the official stripe SDK', () => {
  let a: TestAccount;
  let refundDb: Client;
  beforeAll(async () => {
    a = await createTestAccount('refunds');
    refundDb = new Client({ connectionString: databaseUrl(serviceDatabase('refund')) });
    await refundDb.connect();
    // The balance covers refunds beyond a charge's own net (its fee is not returned), as a merchant's would.
    await fundedCharge(500_000);
  });
  afterAll(async () => {
    await refundDb.end();
  });

  /** A captured card charge whose credit the ledger has booked (the refund debits it). */
  async function fundedCharge(amount: number, source = 'tok_visa'): Promise<Stripe.Charge> {
    const charge = await a.stripe.charges.create({ amount, currency: 'usd', source });
    await eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === charge.id), 20_000, `ledger entry of ${charge.id}`);
    return charge;
  }

  const refundsOf = async (chargeId: string) => (await a.stripe.refunds.list({ charge: chargeId, limit: 100 })).data;
  const outboxTypes = async (objectId: string) =>
    (await refundDb.query<{ type: string }>(`SELECT type FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`, [a.id, objectId])).rows.map((r) => r.type);

  it('a partial refund, then the rest: the charge is refunded, embeds its refunds, and a third is refused', async () => {
    const charge = await fundedCharge(2000);
    const first = await a.stripe.refunds.create({ charge: charge.id, amount: 500, reason: 'requested_by_customer', metadata: { ticket: 'T-1' } });
    expect(first).toMatchObject({ object: 'refund', amount: 500, currency: 'usd', status: 'succeeded', charge: charge.id, reason: 'requested_by_customer', metadata: { ticket: 'T-1' }, failure_reason: null });
    expect(first.id).toMatch(/^re_/);
    expect(first.balance_transaction).toMatch(/^txn_/);
    expectStripeShape(first, 'refund');
    expect(await a.stripe.refunds.retrieve(first.id)).toEqual(first);

    const partly = await a.stripe.charges.retrieve(charge.id);
    expect(partly).toMatchObject({ amount_refunded: 500, refunded: false });
    expect(partly.refunds).toMatchObject({ object: 'list', has_more: false, total_count: 1, url: `/v1/charges/${charge.id}/refunds`, data: [first] });

    const rest = await a.stripe.refunds.create({ charge: charge.id });
    expect(rest).toMatchObject({ amount: 1500, status: 'succeeded' });
    const whole = await a.stripe.charges.retrieve(charge.id);
    expect(whole).toMatchObject({ amount_refunded: 2000, refunded: true });
    expect(whole.refunds!.data.map((r) => r.id)).toEqual([rest.id, first.id]);

    const again = await a.stripe.refunds.create({ charge: charge.id, amount: 1 }).catch((e: unknown) => e);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${charge.id} has already been refunded.` });
    expect(await refundsOf(charge.id)).toHaveLength(2);
    expect(await outboxTypes(first.id)).toEqual(['refund.created']);
    const { rows } = await refundDb.query<{ type: string; object: Record<string, unknown> }>(
      `SELECT type, payload->'data'->'object' AS object FROM outbox_events WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`,
      [a.id, charge.id],
    );
    expect(rows).toEqual([
      { type: 'charge.refunded', object: { object: 'charge', id: charge.id, amount: 2000, amountRefunded: 500, refunded: false } },
      { type: 'charge.refunded', object: { object: 'charge', id: charge.id, amount: 2000, amountRefunded: 2000, refunded: true } },
    ]);
  });

  it('an over-refund is refused with Stripe’s message and changes nothing', async () => {
    const charge = await fundedCharge(1000);
    await expect(a.stripe.refunds.create({ charge: charge.id, amount: 1001 })).rejects.toMatchObject({
      statusCode: 400, code: 'amount_too_large', param: 'amount', message: 'Refund amount ($10.01) is greater than charge amount ($10.00)',
    });
    expect(await refundsOf(charge.id)).toEqual([]);
    expect(await a.stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 0, refunded: false });

    await a.stripe.refunds.create({ charge: charge.id, amount: 400 });
    await expect(a.stripe.refunds.create({ charge: charge.id, amount: 601 })).rejects.toMatchObject({
      statusCode: 400, code: 'amount_too_large', message: 'Refund amount ($6.01) is greater than unrefunded amount on charge ($6.00)',
    });
    expect(await refundsOf(charge.id)).toHaveLength(1);
    expect((await a.stripe.charges.retrieve(charge.id)).amount_refunded).toBe(400);
  });

  it('bad input gets Stripe’s error with its param, never a 5xx', async () => {
    const charge = await fundedCharge(800);
    const cases: [Record<string, unknown>, number, string | undefined, string | undefined][] = [
      [{ charge: 'ch_doesnotexist' }, 404, 'resource_missing', 'charge'],
      [{ charge: `ch_${'x'.repeat(6000)}` }, 400, undefined, 'charge'],
      [{ payment_intent: 'pi_doesnotexist' }, 404, 'resource_missing', 'payment_intent'],
      [{ charge: charge.id, payment_intent: 'pi_x' }, 400, undefined, 'payment_intent'],
      [{}, 400, 'parameter_missing', 'charge'],
      [{ charge: charge.id, amount: 0 }, 400, 'parameter_invalid_integer', 'amount'],
      [{ charge: charge.id, amount: -5 }, 400, 'parameter_invalid_integer', 'amount'],
      [{ charge: charge.id, amount: 'ten' }, 400, 'parameter_invalid_integer', 'amount'],
      [{ charge: charge.id, reason: 'changed_mind' }, 400, undefined, 'reason'],
      [{ charge: charge.id, reason: 'expired_uncaptured_charge' }, 400, undefined, 'reason'],
      [{ charge: charge.id, description: 'x'.repeat(1001) }, 400, 'parameter_unknown', 'description'],
      [{ charge: charge.id, metadata: { ['k'.repeat(41)]: 'v' } }, 400, undefined, undefined],
    ];
    for (const [body, status, code, param] of cases) {
      const res = await edge(a.secretKey).post('/v1/refunds').type('form').send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (code) expect(res.body.error.code).toBe(code);
      if (param) expect(res.body.error.param).toBe(param);
    }
    expect(await refundsOf(charge.id)).toEqual([]);
    expect((await edge(a.secretKey).get('/v1/refunds/re_doesnotexist')).status).toBe(404);
  });

  it('a refund by payment_intent refunds its latest charge; an intent without a successful charge is refused', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === intent.latest_charge), 20_000, 'intent ledger entry');
    const refund = await a.stripe.refunds.create({ payment_intent: intent.id, amount: 1200 });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 1200, charge: intent.latest_charge, payment_intent: intent.id });
    expect((await a.stripe.refunds.list({ payment_intent: intent.id })).data.map((r) => r.id)).toEqual([refund.id]);
    const expanded = await a.stripe.refunds.retrieve(refund.id, { expand: ['charge', 'payment_intent'] });
    expect(expanded.charge).toMatchObject({ object: 'charge', id: intent.latest_charge, amount_refunded: 1200 });
    expect(expanded.payment_intent).toMatchObject({ object: 'payment_intent', id: intent.id });

    const unpaid = await a.stripe.paymentIntents.create({ amount: 3000, currency: 'usd' });
    await expect(a.stripe.refunds.create({ payment_intent: unpaid.id })).rejects.toMatchObject({
      statusCode: 400, param: 'payment_intent', message: `This PaymentIntent (${unpaid.id}) does not have a successful charge to refund.`,
    });
  });

  it('lists by charge and created, newest first and paged; GET /v1/charges/:id/refunds too', async () => {
    const charge = await fundedCharge(3000);
    const made: Stripe.Refund[] = [];
    for (const amount of [100, 200, 300]) made.push(await a.stripe.refunds.create({ charge: charge.id, amount }));
    const newestFirst = made.map((r) => r.id).reverse();
    expect((await refundsOf(charge.id)).map((r) => r.id)).toEqual(newestFirst);

    const page = await a.stripe.refunds.list({ charge: charge.id, limit: 2 });
    expect(page).toMatchObject({ object: 'list', has_more: true });
    expect(page.data.map((r) => r.id)).toEqual(newestFirst.slice(0, 2));
    const next = await a.stripe.refunds.list({ charge: charge.id, limit: 2, starting_after: page.data[1]!.id });
    expect(next.data.map((r) => r.id)).toEqual(newestFirst.slice(2));
    const back = await a.stripe.refunds.list({ charge: charge.id, ending_before: newestFirst[2] });
    expect(back.data.map((r) => r.id)).toEqual(newestFirst.slice(0, 2));
    expect((await a.stripe.refunds.list({ charge: charge.id, created: { gt: made[2]!.created } })).data).toEqual([]);
    expect((await a.stripe.refunds.list({ charge: charge.id, created: { gte: made[0]!.created } })).data).toHaveLength(3);
    expect((await a.stripe.refunds.list({ limit: 100 })).data.map((r) => r.id)).toEqual(expect.arrayContaining(newestFirst));

    const viaCharge = await edge(a.secretKey).get(`/v1/charges/${charge.id}/refunds?limit=2`);
    expect(viaCharge.status).toBe(200);
    expect(viaCharge.body).toMatchObject({ object: 'list', has_more: true, url: `/v1/charges/${charge.id}/refunds` });
    expect(viaCharge.body.data.map((r: { id: string }) => r.id)).toEqual(newestFirst.slice(0, 2));
    const missing = await edge(a.secretKey).get('/v1/charges/ch_doesnotexist/refunds');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'resource_missing' });

    const other = await createTestAccount('refunds, another account');
    await expect(other.stripe.refunds.retrieve(made[0]!.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await other.stripe.refunds.list({ charge: charge.id })).data).toEqual([]);
  });

  it('metadata updates (and emits refund.updated); a card refund cannot be canceled', async () => {
    const charge = await fundedCharge(900);
    const refund = await a.stripe.refunds.create({ charge: charge.id, amount: 100, metadata: { a: '1' } });
    const updated = await a.stripe.refunds.update(refund.id, { metadata: { b: '2', a: '' } });
    expect(updated.metadata).toEqual({ b: '2' });
    await expect(a.stripe.refunds.update(refund.id, { amount: 5 } as Stripe.RefundUpdateParams)).rejects.toMatchObject({ statusCode: 400, code: 'parameter_unknown' });
    await expect(a.stripe.refunds.cancel(refund.id)).rejects.toMatchObject({ statusCode: 400, param: 'refund' });
    expect((await a.stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    expect(await outboxTypes(refund.id)).toEqual(['refund.created', 'refund.updated', 'charge.refund.updated']);
  });

  it('the same Idempotency-Key makes one refund', async () => {
    const charge = await fundedCharge(1000);
    const first = await a.stripe.refunds.create({ charge: charge.id, amount: 300 }, { idempotencyKey: `refund-${charge.id}` });
    const again = await a.stripe.refunds.create({ charge: charge.id, amount: 300 }, { idempotencyKey: `refund-${charge.id}` });
    expect(again.id).toBe(first.id);
    expect(await refundsOf(charge.id)).toHaveLength(1);
    const { rows } = await refundDb.query('SELECT object_id FROM idempotent_effects WHERE account = $1 AND key = $2', [a.id, `refund-${charge.id}`]);
    expect(rows).toEqual([{ object_id: first.id }]);
  });

  it('refunding an uncaptured charge releases the authorization: no balance transaction, refunded in full', async () => {
    const auth = await a.stripe.charges.create({ amount: 2500, currency: 'usd', source: 'tok_visa', capture: false });
    // The charge service's refund terms are for the refund service only, never a merchant key.
    for (const query of [`mutation { releaseAuthorization(chargeId: "${auth.id}") { id } }`, `{ charge(id: "${auth.id}") { simulatedRefundOutcome authorizationReleased } }`]) {
      const res = await graph(a.secretKey, query);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('permission_denied');
    }
    expect((await a.stripe.charges.retrieve(auth.id)).captured).toBe(false);
    await expect(a.stripe.refunds.create({ charge: auth.id, amount: 1000 })).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    const refund = await a.stripe.refunds.create({ charge: auth.id });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 2500, balance_transaction: null });
    expect(await a.stripe.charges.retrieve(auth.id)).toMatchObject({ captured: false, amount_refunded: 2500, refunded: true });
    await expect(a.stripe.charges.capture(auth.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(a.stripe.refunds.create({ charge: auth.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });

    const held = await a.stripe.paymentIntents.create({ amount: 1800, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    expect(held.status).toBe('requires_capture');
    const released = await a.stripe.refunds.create({ payment_intent: held.id });
    expect(released).toMatchObject({ status: 'succeeded', amount: 1800, balance_transaction: null, payment_intent: held.id });
    expect((await a.stripe.paymentIntents.retrieve(held.id)).status).toBe('canceled');
    expect(await a.stripe.charges.retrieve(held.latest_charge as string)).toMatchObject({ captured: false, refunded: true, amount_refunded: 1800 });

    // An intent canceled by the merchant let its hold go: nothing is left to refund.
    const canceled = await a.stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true });
    await a.stripe.paymentIntents.cancel(canceled.id);
    await expect(a.stripe.refunds.create({ charge: canceled.latest_charge as string })).rejects.toMatchObject({ code: 'charge_already_refunded' });
  });

  it('4000000000005126: the refund succeeds, then fails — failure balance transaction, refund.failed, amount refundable again', async () => {
    const intent = await a.stripe.paymentIntents.create({ amount: 2200, currency: 'usd', payment_method: 'pm_card_refundFail', confirm: true });
    await eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === intent.latest_charge), 20_000, 'ledger entry');
    const refund = await a.stripe.refunds.create({ payment_intent: intent.id });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 2200 });
    const failed = await eventually(async () => {
      const now = await a.stripe.refunds.retrieve(refund.id);
      return now.status === 'failed' ? now : null;
    }, 20_000, 'the late failure');
    expect(failed).toMatchObject({ failure_reason: 'expired_or_canceled_card', balance_transaction: refund.balance_transaction });
    expect(failed.failure_balance_transaction).toMatch(/^txn_/);
    expect(await a.stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(await outboxTypes(refund.id)).toEqual(['refund.created', 'refund.failed', 'refund.updated', 'charge.refund.updated']);

    const credit = await eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100, type: 'refund_failure' })).data.find((t) => t.id === failed.failure_balance_transaction), 20_000, 'refund_failure entry');
    expect(credit).toMatchObject({ amount: 2200, source: refund.id });
  });

  it('50 concurrent refunds of one charge never exceed it', async () => {
    const charge = await fundedCharge(5000);
    const attempts = await Promise.allSettled(Array.from({ length: 50 }, () => a.stripe.refunds.create({ charge: charge.id, amount: 150 })));
    const made = attempts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = attempts.flatMap((r) => (r.status === 'rejected' ? [r.reason as Stripe.errors.StripeError] : []));
    expect(made).toHaveLength(33);
    expect(made.every((r) => r.status === 'succeeded')).toBe(true);
    expect(refused.map((e) => [e.statusCode, e.code])).toEqual(Array.from({ length: 17 }, () => [400, 'amount_too_large']));
    const listed = await refundsOf(charge.id);
    expect(listed).toHaveLength(33);
    expect(listed.reduce((sum, r) => sum + r.amount, 0)).toBe(4950);
    expect(await a.stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 4950, refunded: false });
    const rest = await a.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(50);
    const { rows } = await refundDb.query('SELECT refundable, refunded FROM charge_refund_totals WHERE account = $1 AND charge_id = $2', [a.id, charge.id]);
    expect(rows).toEqual([{ refundable: 5000, refunded: 5000 }]);
  });

  it('a refund of a 10000 charge adds a negative refund balance transaction', async () => {
    const charge = await fundedCharge(10000);
    const refund = await a.stripe.refunds.create({ charge: charge.id });
    const entry = await a.stripe.balanceTransactions.retrieve(refund.balance_transaction as string);
    expect(entry).toMatchObject({ id: refund.balance_transaction, type: 'refund', amount: -10000, fee: 0, net: -10000, currency: 'usd', source: refund.id });
    const expanded = await a.stripe.refunds.retrieve(refund.id, { expand: ['balance_transaction'] });
    expect(expanded.balance_transaction).toMatchObject({ object: 'balance_transaction', id: refund.balance_transaction, amount: -10000 });
  });

  it('a refund its request left pending (died after the first transaction) is settled by the sweep', async () => {
    const charge = await fundedCharge(1500);
    // What the first transaction leaves behind when the process dies before the debit: the reservation and the pending refund.
    const id = `re_crash${Date.now()}`;
    const txn = `txn_crash${Date.now()}`;
    await refundDb.query('BEGIN');
    await refundDb.query('INSERT INTO charge_refund_totals (account, charge_id, currency, charge_amount, refundable, refunded) VALUES ($1, $2, $3, $4, $4, 600)', [a.id, charge.id, 'usd', 1500]);
    await refundDb.query(
      `INSERT INTO refunds (id, account, created, amount, currency, charge_id, status, metadata, updated_at, settlement, network_outcome, balance_transaction_id, recover_at)
       VALUES ($1, $2, $3, 600, 'usd', $4, 'pending', '{}', now(), 'balance_debit', 'succeeds', $5, now())`,
      [id, a.id, Math.floor(Date.now() / 1000), charge.id, txn],
    );
    await refundDb.query('COMMIT');
    expect((await a.stripe.refunds.retrieve(id)).status).toBe('pending');
    expect((await a.stripe.charges.retrieve(charge.id)).amount_refunded).toBe(600);
    const settled = await eventually(async () => {
      const now = await a.stripe.refunds.retrieve(id);
      return now.status === 'pending' ? null : now;
    }, 20_000, 'the sweep');
    expect(settled).toMatchObject({ status: 'succeeded', balance_transaction: txn });
    expect(await a.stripe.balanceTransactions.retrieve(txn)).toMatchObject({ type: 'refund', amount: -600, source: id });
    expect(await outboxTypes(id)).toEqual(['refund.created']);
  });
});
