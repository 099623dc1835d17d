import Stripe from 'stripe';
import request from 'supertest';
import { withEdgeDatabase } from '../infra/src/accounts';
import { databaseUrl, EDGE_DATABASE } from '../infra/src/topology';
import { setAccountRateLimits, type AccountRateLimits } from '../rest-edge/src/db/accounts';
import { loadEnv } from '../rest-edge/src/env';
import { startEdge, type RunningEdge } from '../rest-edge/src/server';
import { createTestAccount, edge, graph, type TestAccount } from './support/stack';

/**
 * Rate limits per API key on the machine's Redis, through the official SDK: the 101st payment of a
 * minute is a StripeRateLimitError and creates nothing, other routes and other keys go on, an
 * account's own limits replace the defaults, and an edge whose Redis is unreachable serves unchecked.
 */
describe('rate limits', () => {
  const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a refusal'); }, (err: Stripe.errors.StripeError) => err);
  const limited = (a: TestAccount, limits: AccountRateLimits) => withEdgeDatabase((prisma) => setAccountRateLimits(prisma, a.id, limits));

  it('the 101st payment of a minute is a 429 StripeRateLimitError with Retry-After, and creates nothing', async () => {
    const a = await createTestAccount('rate limits: payments');
    const intent = await a.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' }); // payment 1
    for (let batch = 0; batch < 9; batch += 1) {
      await Promise.all(Array.from({ length: 11 }, (_, i) => a.stripe.charges.create({ amount: 100 + batch * 11 + i, currency: 'usd', source: 'tok_visa' })));
    } // payments 2–100
    const before = (await a.stripe.charges.list({ limit: 100 })).data;
    expect(before).toHaveLength(99);

    const over = await refusal(a.stripe.charges.create({ amount: 5000, currency: 'usd', source: 'tok_visa' }));
    expect(over).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(over).toMatchObject({ statusCode: 429, type: 'StripeRateLimitError', code: 'rate_limit', rawType: 'invalid_request_error' });
    expect(over.message).toMatch(/^Request rate limit exceeded: this API key may make 100 payment-creating requests a minute\. Retry after \d+ seconds/);
    expect(await refusal(a.stripe.refunds.create({ charge: before[0]!.id }))).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(await refusal(a.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }))).toMatchObject({ statusCode: 429 });

    const raw = await edge(a.secretKey).post('/v1/payouts').type('form').send('amount=100&currency=usd');
    expect(raw.status).toBe(429);
    expect(Number(raw.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(raw.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(raw.headers['stripe-should-retry']).toBe('false');
    expect(raw.headers['request-id']).toMatch(/^req_/);
    expect(raw.body).toEqual({ error: { type: 'invalid_request_error', code: 'rate_limit', doc_url: 'https://stripe.com/docs/error-codes/rate-limit', message: expect.any(String) } });

    // The /graphql door counts the payment mutations it forwards against the same key.
    const viaGraph = await graph(a.secretKey, 'mutation { a: createCharge(input: { amount: 700, currency: "usd", source: "tok_visa" }) { id } }');
    expect(viaGraph.status).toBe(429);
    expect(viaGraph.body.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/100 payment-creating requests a minute/) });

    // Nothing was created; reads and non-payment writes still go through (1000 a minute).
    expect((await a.stripe.charges.list({ limit: 100 })).data.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect((await a.stripe.refunds.list()).data).toHaveLength(0);
    expect((await a.stripe.payouts.list()).data).toHaveLength(0);
    expect((await a.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    expect((await a.stripe.customers.create({ email: 'still@example.com' })).id).toMatch(/^cus_/);

    // Limits are per API key: the account's publishable key has counters of its own (it confirms with the client secret).
    const byPublishable = await edge(a.publishableKey).post(`/v1/payment_intents/${intent.id}/confirm`).type('form').send({ client_secret: intent.client_secret, payment_method: 'pm_card_visa' });
    expect(byPublishable.status).toBe(200);
    expect(byPublishable.body.status).toBe('succeeded');
    // And another account's key is untouched.
    const b = await createTestAccount('rate limits: another key');
    expect((await b.stripe.charges.create({ amount: 900, currency: 'usd', source: 'tok_visa' })).status).toBe('succeeded');
  });

  it('an account’s own limits replace the defaults, for payments and for all requests', async () => {
    const c = await createTestAccount('rate limits: per account');
    await limited(c, { perMinute: 6, paymentsPerMinute: 2 });
    await c.stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_visa' });
    await c.stripe.charges.create({ amount: 1001, currency: 'usd', source: 'tok_visa' });
    const third = await refusal(c.stripe.charges.create({ amount: 1002, currency: 'usd', source: 'tok_visa' }));
    expect(third).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(third.message).toMatch(/may make 2 payment-creating requests a minute/);
    expect((await c.stripe.charges.list()).data).toHaveLength(2); // request 4
    await c.stripe.customers.list(); // 5
    await c.stripe.balance.retrieve(); // 6
    const seventh = await refusal(c.stripe.customers.list());
    expect(seventh).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(seventh.message).toMatch(/may make 6 requests a minute/);
  });

  describe('when Redis is unreachable', () => {
    let broken: RunningEdge;
    beforeAll(async () => {
      broken = await startEdge(
        loadEnv({
          PORT: '0',
          METRICS_PORT: '0',
          DATABASE_URL: databaseUrl(EDGE_DATABASE),
          GATEWAY_URL: process.env.PAYGATE_TEST_GATEWAY_URL,
          PAYGATE_CONTEXT_SECRET: process.env.PAYGATE_CONTEXT_SECRET,
          REDIS_URL: 'redis://127.0.0.1:1', // nothing listens there
          LOG_LEVEL: 'warn',
        }),
      );
    });
    afterAll(async () => {
      await broken.stop();
    });

    it('fails open: the edge serves without limits, counts each unchecked request, and the limit holds again where Redis answers', async () => {
      const d = await createTestAccount('rate limits: redis down');
      await limited(d, { perMinute: 50, paymentsPerMinute: 1 });
      const url = new URL(broken.url);
      const viaBroken = new Stripe(d.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
      for (let i = 0; i < 3; i += 1) expect((await viaBroken.charges.create({ amount: 500 + i, currency: 'usd', source: 'tok_visa' })).status).toBe('succeeded');
      const metrics = await request(broken.metricsUrl.replace(/\/metrics$/, '')).get('/metrics');
      expect(Number(/^paygate_rate_limit_unavailable_total\{[^}]*\} (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(3);

      // The stack's edge counts in Redis: the same key gets its one payment, then the 429.
      await d.stripe.charges.create({ amount: 600, currency: 'usd', source: 'tok_visa' });
      expect(await refusal(d.stripe.charges.create({ amount: 601, currency: 'usd', source: 'tok_visa' }))).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect((await d.stripe.charges.list()).data).toHaveLength(4);
    });
  });
});
