import type Stripe from 'stripe';
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
