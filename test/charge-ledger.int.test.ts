import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type Stripe from 'stripe';
import { TOPICS } from '../services/chassis/src/events';
import { createTestAccount, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';


const usd = (balance: Stripe.Balance, kind: 'available' | 'pending') => balance[kind].find((b) => b.currency === 'usd')?.amount ?? 0;

async function ledgerEntryFor(a: TestAccount, chargeId: string): Promise<Stripe.BalanceTransaction> {
  return eventually(async () => (await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === chargeId), 20_000, `ledger entry for ${chargeId}`);
}

describe('a charge reaches the balance ledger through Kafka', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('charges');
  });

  it('tok_visa: succeeded + captured charge, ledger entry with 2.9% + 30 fee, balance grows by net', async () => {
    const before = await a.stripe.balance.retrieve();
    expect(before).toMatchObject({ object: 'balance', livemode: false });

    const charge = await a.stripe.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa', description: 'Order 42', metadata: { order: '42' } });
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 2000,
      amount_captured: 2000,
      amount_refunded: 0,
      currency: 'usd',
      status: 'succeeded',
      paid: true,
      captured: true,
      refunded: false,
      description: 'Order 42',
      metadata: { order: '42' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', funding: 'credit' } },
      source: { object: 'card', brand: 'Visa', last4: '4242' },
      outcome: { type: 'authorized', network_status: 'approved_by_network' },
    });
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.balance_transaction).toMatch(/^txn_/);
    expect(JSON.stringify(charge)).not.toContain('4242424242424242');

    const entry = await ledgerEntryFor(a, charge.id);
    expect(entry).toMatchObject({ id: charge.balance_transaction, object: 'balance_transaction', type: 'charge', reporting_category: 'charge', amount: 2000, fee: 88, net: 1912, currency: 'usd', status: 'pending' });
    expect(entry.fee_details).toEqual([expect.objectContaining({ amount: 88, currency: 'usd', type: 'stripe_fee' })]);
    expect(await a.stripe.balanceTransactions.retrieve(entry.id)).toEqual(entry);
    expectStripeShape(charge, 'charge');
    expectStripeShape(entry, 'balance_transaction');
    expectStripeShape(before, 'balance');
    expect(await a.stripe.charges.retrieve(charge.id)).toEqual(charge);

    const after = await a.stripe.balance.retrieve();
    expect(usd(after, 'pending') - usd(before, 'pending')).toBe(1912);
    expect(usd(after, 'available')).toBe(usd(before, 'available'));

    const expanded = await a.stripe.charges.retrieve(charge.id, { expand: ['balance_transaction'] });
    expect(expanded.balance_transaction).toMatchObject({ id: entry.id, net: 1912, fee: 88 });
  });

  it('one graph query returns the charge and its balance transaction from two services', async () => {
    const charge = await a.stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_mastercard' });
    await ledgerEntryFor(a, charge.id);
    const res = await graph(a.secretKey, `query($id: ID!) { charge(id: $id) { id amount currency balanceTransaction { id fee net } } }`, { id: charge.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { charge: { id: charge.id, amount: 1000, currency: 'usd', balanceTransaction: { id: charge.balance_transaction, fee: 59, net: 941 } } } });
  });

  it('tok_bypassPending funds go straight to available', async () => {
    const before = await a.stripe.balance.retrieve();
    const charge = await a.stripe.charges.create({ amount: 5000, currency: 'usd', source: 'tok_bypassPending' });
    const entry = await ledgerEntryFor(a, charge.id);
    expect(entry).toMatchObject({ status: 'available', net: 5000 - 175 });
    const after = await a.stripe.balance.retrieve();
    expect(usd(after, 'available') - usd(before, 'available')).toBe(4825);
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined', 'generic_decline'],
    ['tok_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['tok_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['tok_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
  ])('%s → 402 card_error %s/%s, a failed charge, no ledger entry', async (source, code, declineCode) => {
    const err = await a.stripe.charges.create({ amount: 1500, currency: 'usd', source }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(err).toMatchObject({ type: 'StripeCardError', statusCode: 402, code, decline_code: declineCode });
    const failedId = (err!.raw as { charge?: string }).charge!;
    expect(failedId).toMatch(/^ch_/);
    const failed = await a.stripe.charges.retrieve(failedId);
    expect(failed).toMatchObject({ status: 'failed', paid: false, captured: false, failure_code: code, balance_transaction: null, outcome: { type: 'issuer_declined' } });
    expect((await a.stripe.balanceTransactions.list({ limit: 100 })).data.find((t) => t.source === failedId)).toBeUndefined();
  });

  it('lists charges and balance transactions newest first with pagination', async () => {
    const b = await createTestAccount('charge pages');
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await b.stripe.charges.create({ amount: 100 + i, currency: 'usd', source: 'tok_visa' })).id);
    const first = await b.stripe.charges.list({ limit: 3 });
    expect(first).toMatchObject({ object: 'list', url: '/v1/charges', has_more: true });
    expect(first.data.map((c) => c.id)).toEqual([...ids].reverse().slice(0, 3));
    const rest = await b.stripe.charges.list({ limit: 3, starting_after: first.data[2]!.id });
    expect(rest.data.map((c) => c.id)).toEqual([ids[0]]);

    await eventually(async () => ((await b.stripe.balanceTransactions.list({ limit: 10 })).data.length === 4 ? true : null), 20_000, '4 ledger entries');
    const page = await b.stripe.balanceTransactions.list({ limit: 2 });
    expect(page).toMatchObject({ object: 'list', url: '/v1/balance_transactions', has_more: true });
    expect(page.data.map((t) => t.source)).toEqual([ids[3], ids[2]]);
    const next = await b.stripe.balanceTransactions.list({ limit: 2, starting_after: page.data[1]!.id });
    expect(next.data.map((t) => t.source)).toEqual([ids[1], ids[0]]);
    expect(next.has_more).toBe(false);
    const balance = await b.stripe.balance.retrieve();
    const nets = [100, 101, 102, 103].map((amt) => amt - (Math.floor((amt * 29 + 500) / 1000) + 30));
    expect(usd(balance, 'pending')).toBe(nets.reduce((s, n) => s + n, 0));
  });

  it('exactly-once effect: the same event delivered again changes nothing', async () => {
    const c = await createTestAccount('redelivery');
    const charge = await c.stripe.charges.create({ amount: 3000, currency: 'usd', source: 'tok_visa' });
    await ledgerEntryFor(c, charge.id);
    const before = await c.stripe.balance.retrieve();

    // Take the very envelope the relay published, from the charge service's outbox, and publish it again.
    const pg = new Client({ connectionString: databaseUrl(serviceDatabase('charge')) });
    await pg.connect();
    const { rows } = await pg.query(`SELECT payload::text AS payload FROM outbox_events WHERE account = $1 AND type = 'charge.succeeded' AND payload->'data'->'object'->>'id' = $2`, [c.id, charge.id]);
    await pg.end();
    expect(rows).toHaveLength(1);
    const kafka = new Kafka({ clientId: 'redelivery-test', brokers: [process.env.PAYGATE_TEST_KAFKA_BROKERS!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const parkedOffsets = async () => (await admin.fetchTopicOffsets(TOPICS.parked)).map((p) => p.high).join(',');
    const parkedBefore = await parkedOffsets();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.charge, acks: -1, messages: [{ key: c.id, value: rows[0].payload }, { key: c.id, value: rows[0].payload }] });
    await producer.disconnect();

    // A later charge on the same account (same key → same partition, after the duplicates) marks that they were consumed.
    const sentinel = await c.stripe.charges.create({ amount: 700, currency: 'usd', source: 'tok_visa' });
    await ledgerEntryFor(c, sentinel.id);

    const entries = (await c.stripe.balanceTransactions.list({ limit: 100 })).data;
    expect(entries.filter((t) => t.source === charge.id)).toHaveLength(1);
    expect(entries).toHaveLength(2);
    const after = await c.stripe.balance.retrieve();
    expect(usd(after, 'pending') - usd(before, 'pending')).toBe(700 - 50);
    // Deduplicated by event id, not rescued by a key conflict: nothing was parked as a failure.
    expect(await parkedOffsets()).toBe(parkedBefore);
    await admin.disconnect();
  });
});

describe('capture=false, then capture', () => {
  it('an authorization moves no money until captured; capture books it once', async () => {
    const a = await createTestAccount('capture');
    const auth = await a.stripe.charges.create({ amount: 4000, currency: 'usd', source: 'tok_visa', capture: false });
    expect(auth).toMatchObject({ status: 'succeeded', paid: true, captured: false, amount_captured: 0, balance_transaction: null });

    // A later charge proves the authorization's event was consumed without booking anything.
    const marker = await a.stripe.charges.create({ amount: 500, currency: 'usd', source: 'tok_visa' });
    await ledgerEntryFor(a, marker.id);
    expect((await a.stripe.balanceTransactions.list()).data.map((t) => t.source)).toEqual([marker.id]);

    const captured = await a.stripe.charges.capture(auth.id);
    expect(captured).toMatchObject({ id: auth.id, captured: true, amount_captured: 4000, status: 'succeeded' });
    expect(captured.balance_transaction).toMatch(/^txn_/);
    const entry = await ledgerEntryFor(a, auth.id);
    expect(entry).toMatchObject({ id: captured.balance_transaction, amount: 4000, fee: 146, net: 3854 });

    await expect(a.stripe.charges.capture(auth.id)).rejects.toMatchObject({ statusCode: 400, code: 'charge_already_captured' });
    const declined = await a.stripe.charges.create({ amount: 900, currency: 'usd', source: 'tok_chargeDeclined', capture: false }).catch((e) => e);
    await expect(a.stripe.charges.capture(declined.raw.charge)).rejects.toMatchObject({ statusCode: 400 });
    expect((await a.stripe.balanceTransactions.list()).data).toHaveLength(2);
  });
});
