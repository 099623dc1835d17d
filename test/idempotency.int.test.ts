import { Client } from 'pg';
import type Stripe from 'stripe';
import { databaseUrl, EDGE_DATABASE } from '../infra/src/topology';
import { signAccountContext } from '../services/chassis/src/account-context';
import { createTestAccount, edge, eventually, type TestAccount } from './support/stack';

describe('Idempotency-Key on POST', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('idempotency');
  });

  const charge = (key: string, body = 'amount=2000&currency=usd&source=tok_visa') =>
    edge(a.secretKey).post('/v1/charges').set('Idempotency-Key', key).type('form').send(body);

  it('runs a charge once and replays its response', async () => {
    const first = await charge('order-1001');
    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await charge('order-1001', 'currency=usd&source=tok_visa&amount=2000');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['original-request']).toBe(first.headers['request-id']);
    expect(again.body).toEqual(first.body);
    const charges = (await a.stripe.charges.list({ limit: 100 })).data.filter((c) => c.id === first.body.id);
    expect(charges).toHaveLength(1);
    await eventually(async () => ((await a.stripe.balanceTransactions.list({ limit: 100 })).data.some((t) => t.source === first.body.id) ? true : null));
    expect((await a.stripe.balanceTransactions.list({ limit: 100 })).data.filter((t) => t.source === first.body.id)).toHaveLength(1);
  });

  it('replays a card decline with the same failed charge', async () => {
    const first = await charge('order-1002', 'amount=2000&currency=usd&source=tok_chargeDeclined');
    expect(first.status).toBe(402);
    const again = await charge('order-1002', 'amount=2000&currency=usd&source=tok_chargeDeclined');
    expect(again.status).toBe(402);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.error.charge).toBe(first.body.error.charge);
  });

  it('refuses the same key with other parameters', async () => {
    await charge('order-1003');
    const other = await charge('order-1003', 'amount=2500&currency=usd&source=tok_visa');
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ type: 'idempotency_error', message: expect.stringContaining('same parameters') });
  });

  it('does not store a request that failed validation', async () => {
    const bad = await charge('order-1004', 'amount=abc&currency=usd&source=tok_visa');
    expect(bad.status).toBe(400);
    const good = await charge('order-1004');
    expect(good.status).toBe(200);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });

  it('concurrent requests with one key make one charge', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => charge('order-1005', 'amount=3100&currency=usd&source=tok_visa')));
    const ok = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(ok.length + conflicts.length).toBe(6);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    for (const c of conflicts) expect(c.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
    const made = (await a.stripe.charges.list({ limit: 100 })).data.filter((c) => c.amount === 3100);
    expect(made).toHaveLength(1);
  });

  it('keys are scoped per account, and the SDK’s idempotencyKey option works', async () => {
    const b = await createTestAccount('idempotency B');
    const mine = await a.stripe.customers.create({ email: 'k@a.example' }, { idempotencyKey: 'shared-key' });
    const theirs = await b.stripe.customers.create({ email: 'k@b.example' }, { idempotencyKey: 'shared-key' });
    expect(theirs.id).not.toBe(mine.id);
    const replay = await a.stripe.customers.create({ email: 'k@a.example' }, { idempotencyKey: 'shared-key' });
    expect(replay.id).toBe(mine.id);
    await expect(a.stripe.customers.create({ email: 'other@a.example' }, { idempotencyKey: 'shared-key' })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
      statusCode: 400,
    } satisfies Partial<Stripe.errors.StripeError>);
  });

  it('refuses a key longer than 255 characters', async () => {
    const before = (await a.stripe.charges.list({ limit: 100 })).data.length;
    const res = await charge('k'.repeat(256));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error' });
    expect((await a.stripe.charges.list({ limit: 100 })).data).toHaveLength(before);
  });
});

describe('Idempotency-Key end to end (recorded by the subgraph with the effect)', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('idempotency end to end');
  });

  const charge = (key: string, body: string) => edge(a.secretKey).post('/v1/charges').set('Idempotency-Key', key).type('form').send(body);

  it('a validation failure raised inside the subgraph is not stored against the key', async () => {
    const small = await charge('e2e-1', 'amount=10&currency=usd&source=tok_visa');
    expect(small.status).toBe(400);
    expect(small.body.error.code).toBe('amount_too_small');
    const fixed = await charge('e2e-1', 'amount=2000&currency=usd&source=tok_visa');
    expect(fixed.status).toBe(200);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('the same key sent twice past the edge (as after an edge crash) makes one charge and one intent', async () => {
    const gateway = process.env.PAYGATE_TEST_GATEWAY_URL!;
    const send = async (key: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(gateway, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-paygate-account-context': signAccountContext(a.id, process.env.PAYGATE_CONTEXT_SECRET!),
          'x-request-id': 'req_e2e',
          'x-paygate-idempotency-key': key,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data: Record<string, { id: string }> };
    };
    const createCharge = 'mutation($input: ChargeCreateInput!) { createCharge(input: $input) { id } }';
    const first = await send('e2e-crash-1', createCharge, { input: { amount: 4100, currency: 'usd', source: 'tok_visa' } });
    const retry = await send('e2e-crash-1', createCharge, { input: { amount: 4100, currency: 'usd', source: 'tok_visa' } });
    expect(retry.data.createCharge!.id).toBe(first.data.createCharge!.id);
    expect((await a.stripe.charges.list({ limit: 100 })).data.filter((c) => c.amount === 4100)).toHaveLength(1);

    const createIntent = 'mutation($input: PaymentIntentCreateInput!) { createPaymentIntent(input: $input) { id } }';
    const input = { amount: 4200, currency: 'usd', paymentMethod: 'pm_card_visa', confirm: true };
    const intent = await send('e2e-crash-2', createIntent, { input });
    const again = await send('e2e-crash-2', createIntent, { input });
    expect(again.data.createPaymentIntent!.id).toBe(intent.data.createPaymentIntent!.id);
    expect((await a.stripe.charges.list({ limit: 100 })).data.filter((c) => c.amount === 4200)).toHaveLength(1);
  });

  it('a claim abandoned by a dead edge is taken over after its lease, and the retry gets the real outcome', async () => {
    const db = new Client({ connectionString: databaseUrl(EDGE_DATABASE) });
    await db.connect();
    try {
      // What an edge that died after claiming leaves behind: an in-progress record, older than the lease.
      await db.query(
        `INSERT INTO idempotency_records (id, account_id, key, request_hash, state, request_id, created_at)
         VALUES (gen_random_uuid()::text, $1, 'e2e-abandoned', 'x', 'in_progress', 'req_dead', now() - interval '5 minutes')`,
        [a.id],
      );
    } finally {
      await db.end();
    }
    const retry = await charge('e2e-abandoned', 'amount=4300&currency=usd&source=tok_visa');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ object: 'charge', amount: 4300, status: 'succeeded' });
  });
});
