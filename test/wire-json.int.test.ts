import { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { databaseUrl, EDGE_DATABASE } from '../infra/src/topology';
import { loadEnv } from '../rest-edge/src/env';
import { requestHash } from '../rest-edge/src/http/idempotency';
import { startEdge, type RunningEdge } from '../rest-edge/src/server';
import { createTestAccount, edge, type TestAccount } from './support/stack';

/** The edge's own version when a request names none: the API version its objects follow. */
const DEFAULT_VERSION = '2023-08-16';

/**
 * The wire beyond Stripe's form encoding: JSON bodies on every POST (same validation, same errors,
 * same idempotency hash), Stripe-Version answered on every response, and Stripe-Should-Retry where
 * the official SDKs read it.
 */
describe('JSON bodies, Stripe-Version and Stripe-Should-Retry', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('wire json');
  });
  const json = (path: string, body: unknown, key = a.secretKey) => edge(key).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
  const form = (path: string, body: string, key = a.secretKey) => edge(key).post(path).type('form').send(body);

  it('a JSON body creates a customer with nested metadata, address, arrays and expand', async () => {
    const res = await json('/v1/customers', {
      email: 'json@example.com',
      name: 'Jay Son',
      metadata: { order_id: '6735', camelKey: 'kept' },
      address: { line1: '1 Main St', postal_code: '94107', country: 'US' },
      preferred_locales: ['en', 'fr'],
      balance: -500,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'customer', email: 'json@example.com', metadata: { order_id: '6735', camelKey: 'kept' }, address: { line1: '1 Main St', postal_code: '94107' }, preferred_locales: ['en', 'fr'], balance: -500 });
    expect(await a.stripe.customers.retrieve(res.body.id)).toMatchObject({ email: 'json@example.com', metadata: { order_id: '6735', camelKey: 'kept' } });

    // Booleans, integers and null (Stripe's "unset") on an update and a charge.
    const updated = await json(`/v1/customers/${res.body.id}`, { description: null, metadata: { order_id: null, extra: 'x' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ description: null });
    expect(updated.body.metadata).toEqual({ camelKey: 'kept', extra: 'x' }); // null removed order_id, as metadata[order_id]= does
    const charge = await json('/v1/charges', { amount: 2000, currency: 'usd', source: 'tok_visa', capture: false, customer: res.body.id, expand: ['customer'] });
    expect(charge.status).toBe(200);
    expect(charge.body).toMatchObject({ amount: 2000, captured: false, customer: { id: res.body.id, object: 'customer' } });
  });

  it.each([
    ['a wrong type', { amount: 'abc', currency: 'usd', source: 'tok_visa' }, 'amount=abc&currency=usd&source=tok_visa'],
    ['a fraction', { amount: 19.99, currency: 'usd', source: 'tok_visa' }, 'amount=19.99&currency=usd&source=tok_visa'],
    ['a missing param', { currency: 'usd', source: 'tok_visa' }, 'currency=usd&source=tok_visa'],
    ['an unknown param', { amount: 2000, currency: 'usd', source: 'tok_visa', colour: 'red' }, 'amount=2000&currency=usd&source=tok_visa&colour=red'],
    ['a bad boolean', { amount: 2000, currency: 'usd', source: 'tok_visa', capture: 'maybe' }, 'amount=2000&currency=usd&source=tok_visa&capture=maybe'],
    ['metadata not an object', { amount: 2000, currency: 'usd', source: 'tok_visa', metadata: 'x' }, 'amount=2000&currency=usd&source=tok_visa&metadata=x'],
  ])('%s gets the same error as JSON and as a form', async (_label, body, encoded) => {
    const fromJson = await json('/v1/charges', body);
    const fromForm = await form('/v1/charges', encoded);
    expect(fromJson.status).toBe(400);
    expect(fromJson.status).toBe(fromForm.status);
    expect(fromJson.body).toEqual(fromForm.body);
  });

  it('malformed JSON, a non-object and too deep a nesting are 400s that change nothing', async () => {
    for (const body of ['{"email": "x@example.com",', '["email"]', JSON.stringify({ metadata: { a: { b: { c: { d: { e: { f: '1' } } } } } } })]) {
      const res = await edge(a.secretKey).post('/v1/customers').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/^Invalid request: /) });
    }
    const other = await edge(a.secretKey).post('/v1/customers').set('Content-Type', 'text/plain').send('email=x@example.com');
    expect(other.status).toBe(400);
    expect((await a.stripe.customers.list({ limit: 100 })).data.map((c) => c.email)).toEqual(['json@example.com']);
  });

  it('the same params hash the same in either encoding: a JSON retry of a form request is replayed', async () => {
    const first = await form('/v1/customers', 'email=replay@example.com&metadata[n]=1').set('Idempotency-Key', 'wire-json-1');
    const again = await json('/v1/customers', { email: 'replay@example.com', metadata: { n: 1 } }).set('Idempotency-Key', 'wire-json-1');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('answers Stripe-Version: the request’s own, else the edge’s; a malformed one is refused', async () => {
    const customer = await a.stripe.customers.create({ email: 'version@example.com' });
    expect(customer.lastResponse.headers['stripe-version']).toBe('2026-10-28.endive'); // the SDK's own pinned version
    expect((await edge(a.secretKey).get('/v1/customers').set('Stripe-Version', '2025-01-27.acacia')).headers['stripe-version']).toBe('2025-01-27.acacia');
    expect((await edge(a.secretKey).get('/v1/customers').set('Stripe-Version', '2025-01-27.acacia; feature_beta=v2')).headers['stripe-version']).toBe('2025-01-27.acacia; feature_beta=v2');
    expect((await edge(a.secretKey).get('/v1/customers')).headers['stripe-version']).toBe(DEFAULT_VERSION);
    expect((await edge().get('/v1/customers')).headers['stripe-version']).toBe(DEFAULT_VERSION); // on a 401 too
    const bad = await edge(a.secretKey).get('/v1/customers').set('Stripe-Version', 'yesterday');
    expect(bad.status).toBe(400);
    expect(bad.headers['stripe-version']).toBe(DEFAULT_VERSION);
    expect(bad.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/^Invalid Stripe API version/) });
    expect(JSON.stringify(bad.body)).not.toContain('yesterday');
  });

  it('Stripe-Should-Retry: false on 4xx a retry cannot mend, absent on success', async () => {
    const ok = await edge(a.secretKey).get('/v1/customers');
    expect(ok.headers['stripe-should-retry']).toBeUndefined();
    for (const res of [
      await form('/v1/charges', 'amount=abc&currency=usd&source=tok_visa'), // 400
      await edge().get('/v1/customers'), // 401
      await edge(a.publishableKey).get('/v1/customers'), // 403
      await edge(a.secretKey).get('/v1/customers/cus_missing'), // 404
      await form('/v1/charges', 'amount=2000&currency=usd&source=tok_chargeDeclined'), // 402
    ]) {
      expect([res.status, res.headers['stripe-should-retry']]).toEqual([res.status, 'false']);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('Stripe-Should-Retry: true on 409, while the same Idempotency-Key is still running', async () => {
    const db = new Client({ connectionString: databaseUrl(EDGE_DATABASE) });
    await db.connect();
    try {
      // A request with this key that began and has not finished (another edge is still executing it).
      await db.query(`INSERT INTO idempotency_records (id, account_id, key, request_hash, state, request_id) VALUES (gen_random_uuid(), $1, 'wire-json-busy', $2, 'in_progress', 'req_other')`, [
        a.id,
        requestHash('POST', '/v1/customers', { email: 'busy@example.com' }),
      ]);
    } finally {
      await db.end();
    }
    const busy = await json('/v1/customers', { email: 'busy@example.com' }).set('Idempotency-Key', 'wire-json-busy');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
    expect(busy.headers['stripe-should-retry']).toBe('true');
  });

  describe('on a 5xx', () => {
    let cutOff: RunningEdge;
    beforeAll(async () => {
      // An edge whose gateway is gone: every graph call fails, a server error.
      cutOff = await startEdge(
        loadEnv({ PORT: '0', METRICS_PORT: '0', DATABASE_URL: databaseUrl(EDGE_DATABASE), GATEWAY_URL: 'http://127.0.0.1:1/graphql', PAYGATE_CONTEXT_SECRET: process.env.PAYGATE_CONTEXT_SECRET, LOG_LEVEL: 'fatal' }),
      );
    });
    afterAll(async () => {
      await cutOff.stop();
    });

    it('Stripe-Should-Retry: true (a 5xx is never stored under an Idempotency-Key, so the retry runs again, safely)', async () => {
      const res = await request(cutOff.url).get('/v1/customers').set('Authorization', `Bearer ${a.secretKey}`);
      expect(res.status).toBe(500);
      expect(res.body.error).toMatchObject({ type: 'api_error' });
      expect(res.headers['stripe-should-retry']).toBe('true');
      expect(res.headers['stripe-version']).toBe(DEFAULT_VERSION);
    });
  });
});
