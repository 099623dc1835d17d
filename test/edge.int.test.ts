import { createTestAccount, edge, edgeUrl, type TestAccount } from './support/stack';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { LOG_DIR } from '../infra/src/topology';

const stripeError = (type: string, extra: Record<string, unknown> = {}) => ({ error: expect.objectContaining({ type, message: expect.any(String), ...extra }) });

describe('REST edge: Stripe wire format, auth and errors', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('edge');
  });

  it('answers every request with a Request-Id', async () => {
    for (const res of [await edge(a.secretKey).get('/v1/customers'), await edge().get('/v1/customers'), await edge(a.secretKey).get('/v1/nope')]) {
      expect(res.headers['request-id']).toMatch(/^req_[0-9A-Za-z]{14}$/);
    }
  });

  it('401s a missing or wrong key with Stripe’s error, takes Bearer and Basic', async () => {
    const missing = await edge().get('/v1/customers');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(stripeError('invalid_request_error'));
    const wrong = await edge('sk_test_0000000000000000000000000000abcd').get('/v1/customers');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Invalid API Key provided: sk_test_************************abcd');
    expect(JSON.stringify(wrong.body)).not.toContain('sk_test_0000000000000000000000000000abcd');
    const basic = await request(edgeUrl()).get('/v1/customers').auth(a.secretKey, '');
    expect(basic.status).toBe(200);
    const graphNoKey = await request(edgeUrl()).post('/graphql').send({ query: '{ balance { livemode } }' });
    expect(graphNoKey.status).toBe(401);
  });

  it('403s a publishable key on a secret-key endpoint', async () => {
    const res = await edge(a.publishableKey).get('/v1/customers');
    expect(res.status).toBe(403);
    expect(res.body).toEqual(stripeError('invalid_request_error'));
  });

  it('404s an unknown route with invalid_request_error', async () => {
    const res = await edge(a.secretKey).get('/v1/widgets');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(stripeError('invalid_request_error', { message: 'Unrecognized request URL (GET: /v1/widgets).' }));
  });

  describe('bad input never gets a 5xx and changes nothing', () => {
    const form = (body: string) => edge(a.secretKey).post('/v1/charges').type('form').send(body);

    it.each([
      ['amount=abc&currency=usd&source=tok_visa', 400, 'parameter_invalid_integer', 'amount'],
      ['currency=usd&source=tok_visa', 400, 'parameter_missing', 'amount'],
      ['amount=2000&source=tok_visa', 400, 'parameter_missing', 'currency'],
      ['amount=2000&currency=usd', 400, 'parameter_missing', 'source'],
      ['amount=-100&currency=usd&source=tok_visa', 400, 'parameter_invalid_integer', 'amount'],
      ['amount=0&currency=usd&source=tok_visa', 400, 'parameter_invalid_integer', 'amount'],
      ['amount=49&currency=usd&source=tok_visa', 400, 'amount_too_small', 'amount'],
      ['amount=100000000&currency=usd&source=tok_visa', 400, 'amount_too_large', 'amount'],
      ['amount=2000&currency=xyz&source=tok_visa', 400, undefined, 'currency'],
      ['amount=2000&currency=usd&source=tok_unknown', 404, 'resource_missing', 'source'],
      ['amount=2000&currency=usd&source=tok_visa&colour=red', 400, 'parameter_unknown', 'colour'],
      ['amount=2000&currency=usd&source=tok_visa&capture=maybe', 400, undefined, 'capture'],
      ['amount[]=1&currency=usd&source=tok_visa', 400, 'parameter_invalid_integer', 'amount'],
      ['amount=2000&currency=usd&source=tok_visa&metadata=notanobject', 400, undefined, 'metadata'],
      ['amount=99999999999&currency=usd&source=tok_visa', 400, 'amount_too_large', 'amount'],
      ['amount=2000&currency=usd&source=tok_visa&expand[]=outcome', 400, undefined, 'expand'],
      ['amount=2000&currency=usd&source=tok_visa&expand[]=customer.sources', 400, undefined, 'expand'],
      ['amount=2000&currency=usd&source=tok_visa&expand[]=payment_intent.latest_charge.payment_intent.latest_charge.customer', 400, undefined, 'expand'],
    ])('%s → %i %s (param %s)', async (body, status, code, param) => {
      const res = await form(body);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param });
      if (code) expect(res.body.error.code).toBe(code);
      else expect(res.body.error.code).toBeUndefined();
    });

    it('ids with invalid percent-encoded UTF-8 and integers beyond 32 bits are 400s', async () => {
      const badId = await edge(a.secretKey).get('/v1/customers/cus_%FF%FE');
      expect(badId.status).toBe(400);
      expect(badId.body.error).toMatchObject({ type: 'invalid_request_error' });
      for (const path of ['/v1/customers?limit=99999999999', '/v1/charges?limit=2147483648', '/v1/payment_intents?created[gt]=99999999999']) {
        const res = await edge(a.secretKey).get(path);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid_integer' });
      }
    });

    it('malformed encoding, JSON bodies, oversized bodies and too many metadata keys', async () => {
      const malformed = await edge(a.secretKey).post('/v1/customers').type('form').send('name=%E0%A4%A');
      expect(malformed.status).toBe(400);
      // JSON bodies are accepted (test/wire-json.int.test.ts); malformed JSON is the client's mistake.
      const json = await edge(a.secretKey).post('/v1/customers').set('Content-Type', 'application/json').send('{"name": "x",');
      expect(json.status).toBe(400);
      expect(json.body).toEqual(stripeError('invalid_request_error'));
      const huge = await edge(a.secretKey).post('/v1/customers').type('form').send(`description=${'x'.repeat(300 * 1024)}`);
      expect(huge.status).toBe(413);
      expect(huge.body).toEqual(stripeError('invalid_request_error'));
      const tooDeep = await edge(a.secretKey).post('/v1/customers').type('form').send('metadata[a][b][c][d][e][f]=1');
      expect(tooDeep.status).toBe(400);
      const keys = Array.from({ length: 51 }, (_, i) => `metadata[k${i}]=v`).join('&');
      const tooMany = await edge(a.secretKey).post('/v1/customers').type('form').send(keys);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error).toMatchObject({ type: 'invalid_request_error', param: 'metadata' });
      const badEmail = await edge(a.secretKey).post('/v1/customers').type('form').send('email=not-an-email');
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.error.param).toBe('email');
      const badGraph = await request(edgeUrl()).post('/graphql').set('Authorization', `Bearer ${a.secretKey}`).set('Content-Type', 'application/json').send('{not json');
      expect(badGraph.status).toBe(400);
    });

    it('NUL and control characters are the client’s mistake: 400, never 500', async () => {
      for (const path of ['/v1/customers/%00', '/v1/customers?starting_after=%00', `/v1/customers/search?query=${encodeURIComponent("email:'\u0000'")}`]) {
        const res = await edge(a.secretKey).get(path);
        expect(res.status).toBe(400);
        expect(res.body.error.type).toBe('invalid_request_error');
      }
      expect((await edge(a.secretKey).post('/v1/customers').type('form').send('name=a%00b')).status).toBe(400);
      expect((await edge(a.secretKey).post('/v1/customers').type('form').send('metadata[a%00]=b')).status).toBe(400);
      const viaGraph = await request(edgeUrl())
        .post('/graphql')
        .set('Authorization', `Bearer ${a.secretKey}`)
        .send({ query: 'query($id: ID!) { customer(id: $id) { id } }', variables: { id: 'cus_\u0000' } });
      expect(viaGraph.status).toBeLessThan(500);
      expect(JSON.stringify(viaGraph.body)).not.toContain('api_error');
    });

    afterAll(async () => {
      // None of the refused requests above wrote anything.
      expect((await a.stripe.customers.list()).data).toHaveLength(0);
      const charges = (await a.stripe.charges.list()).data;
      expect(charges).toHaveLength(0);
    });
  });

  it('keeps the card number out of responses and errors', async () => {
    const res = await edge(a.secretKey).post('/v1/charges').type('form').send('amount=2000&currency=usd&source=4242424242424242');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'source' });
    expect(JSON.stringify(res.body)).not.toContain('4242424242424242');
    const logs = fs.readdirSync(LOG_DIR).map((f) => fs.readFileSync(path.join(LOG_DIR, f), 'utf8')).join('\n');
    expect(logs).not.toContain('4242424242424242');
  });
});
