import diagnosticsChannel from 'node:diagnostics_channel';
import fs from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import Stripe from 'stripe';
import { Agent, fetch as undiciFetch } from 'undici';
import { createTestAccount, edgeUrl, type TestAccount } from './support/stack';

/** The edge's HTTPS door (rest-edge/src/http/tls.ts): HTTP/2 by ALPN, HTTP/1.1 as the fallback. */
function tlsUrl(): URL {
  const url = process.env.PAYGATE_TEST_EDGE_TLS_URL;
  if (!url) throw new Error('PAYGATE_TEST_EDGE_TLS_URL is not set: run integration tests through jest (global setup boots the stack)');
  return new URL(url);
}
function tlsCa(): Buffer {
  const file = process.env.PAYGATE_TEST_EDGE_TLS_CA_FILE;
  if (!file) throw new Error('PAYGATE_TEST_EDGE_TLS_CA_FILE is not set');
  return fs.readFileSync(file);
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function h2request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let responseHeaders: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const { ':status': status, ...rest } = responseHeaders;
      resolve({ status: Number(status), headers: rest, text, json: text ? JSON.parse(text) : null });
    });
    if (body !== undefined) stream.end(body);
  });
}

function http1OverTls(path: string, key: string, alpn?: string[]): Promise<Reply & { httpVersion: string; alpn: string | false | null }> {
  const url = tlsUrl();
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: url.hostname, port: url.port, path, ca: tlsCa(), agent: false, headers: { authorization: `Bearer ${key}` }, ...(alpn ? { ALPNProtocols: alpn } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: JSON.parse(text), httpVersion: res.httpVersion, alpn: (res.socket as TLSSocket).alpnProtocol });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The same request on the plain HTTP/1.1 port, for comparison. */
async function plain(path: string, init: { method?: string; key: string; body?: string; headers?: Record<string, string> }): Promise<Reply> {
  const res = await fetch(`${edgeUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.key}`, ...(init.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers), text, json: text ? JSON.parse(text) : null };
}

const withoutRequestIds = (text: string) => text.replace(/req_[0-9A-Za-z]+/g, 'req_…');

describe('the edge over HTTP/2 (TLS, ALPN h2) and HTTP/1.1 over TLS', () => {
  let a: TestAccount;
  let dispatcher: Agent;
  let h2stripe: Stripe;
  let session: http2.ClientHttp2Session;
  /** ALPN of every connection undici opened to the TLS port: the SDK's own requests' protocol. */
  const undiciAlpn: (string | false | null)[] = [];
  const onConnected = (message: unknown) => {
    const { socket, connectParams } = message as { socket: TLSSocket; connectParams: { port: string | number } };
    if (String(connectParams.port) === tlsUrl().port) undiciAlpn.push(socket.alpnProtocol);
  };

  const h2stripeFor = (key: string) =>
    new Stripe(key, {
      host: tlsUrl().hostname,
      port: Number(tlsUrl().port),
      protocol: 'https',
      httpClient: Stripe.createFetchHttpClient(((input: string, init?: object) => undiciFetch(input, { ...init, dispatcher })) as unknown as typeof fetch),
      maxNetworkRetries: 0,
      telemetry: false,
    });

  beforeAll(async () => {
    a = await createTestAccount('http2');
    diagnosticsChannel.subscribe('undici:client:connected', onConnected);
    dispatcher = new Agent({ allowH2: true, connect: { ca: tlsCa() } });
    h2stripe = h2stripeFor(a.secretKey);
    session = http2.connect(tlsUrl().origin, { ca: tlsCa() });
    await new Promise<void>((resolve, reject) => {
      session.once('connect', () => resolve());
      session.once('error', reject);
    });
  });

  afterAll(async () => {
    diagnosticsChannel.unsubscribe('undici:client:connected', onConnected);
    await new Promise<void>((resolve) => session.close(() => resolve()));
    await dispatcher.close();
  });

  it('the official stripe SDK creates and retrieves a customer over HTTP/2', async () => {
    const created = await h2stripe.customers.create({ email: 'h2@example.com', name: 'Over H2', metadata: { order_id: '6735' } });
    expect(created).toMatchObject({ object: 'customer', email: 'h2@example.com', name: 'Over H2', metadata: { order_id: '6735' } });
    expect(created.lastResponse.requestId).toMatch(/^req_[0-9A-Za-z]{14}$/);
    const fetched = await h2stripe.customers.retrieve(created.id);
    expect(fetched.lastResponse.requestId).toMatch(/^req_/);
    expect(fetched.lastResponse.requestId).not.toBe(created.lastResponse.requestId);
    expect(fetched).toEqual(created);
    // The same customer over the plain HTTP/1.1 port, with the SDK's default client.
    expect(await a.stripe.customers.retrieve(created.id)).toEqual(created);
    // Every connection the SDK's fetch opened to the TLS port negotiated h2 (one session, multiplexed).
    expect(undiciAlpn.length).toBeGreaterThan(0);
    expect(new Set(undiciAlpn)).toEqual(new Set(['h2']));
  });

  it('negotiates h2 by ALPN and answers a raw HTTP/2 request with the same JSON as HTTP/1.1', async () => {
    expect(session.alpnProtocol).toBe('h2');
    const customer = await a.stripe.customers.create({ email: 'raw@example.com' });
    const reply = await h2request(session, { ':method': 'GET', ':path': `/v1/customers/${customer.id}`, authorization: `Bearer ${a.secretKey}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['request-id']).toMatch(/^req_[0-9A-Za-z]{14}$/);
    for (const hop of ['connection', 'keep-alive', 'transfer-encoding']) expect(reply.headers).not.toHaveProperty(hop);
    const overPlain = await plain(`/v1/customers/${customer.id}`, { key: a.secretKey });
    expect(reply.json).toEqual(overPlain.json);
    expect(reply.json.id).toBe(customer.id);
  });

  it('round-trips a form POST with Idempotency-Key over HTTP/2 and replays it the second time', async () => {
    const body = 'email=jane%40example.com&name=Jane+Doe&metadata[order]=6735&metadata[note]=caf%C3%A9';
    const post = () =>
      h2request(
        session,
        {
          ':method': 'POST',
          ':path': '/v1/customers',
          authorization: `Bearer ${a.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': 'h2-order-6735',
        },
        body,
      );
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ object: 'customer', email: 'jane@example.com', name: 'Jane Doe', metadata: { order: '6735', note: 'café' } });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers['request-id']).toMatch(/^req_/);
    const again = await post();
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['original-request']).toBe(first.headers['request-id']);
    expect(again.json).toEqual(first.json);

    // The SDK's idempotencyKey over HTTP/2 too.
    const once = await h2stripe.customers.create({ email: 'sdk-idem@example.com' }, { idempotencyKey: 'h2-sdk-1' });
    const twice = await h2stripe.customers.create({ email: 'sdk-idem@example.com' }, { idempotencyKey: 'h2-sdk-1' });
    expect(twice.id).toBe(once.id);
    // With a fetch client, lastResponse is the fetch Response itself: its headers are a Headers object.
    const replayed = (r: { lastResponse: { headers: unknown } }) => (r.lastResponse.headers as Headers).get('idempotent-replayed');
    expect(replayed(twice)).toBe('true');
    expect(replayed(once)).toBeNull();
  });

  it('brings an error back over HTTP/2 intact: a bad key is a 401 Stripe error', async () => {
    const reply = await h2request(session, { ':method': 'GET', ':path': '/v1/customers', authorization: 'Bearer sk_test_not_a_real_key' });
    expect(reply.status).toBe(401);
    expect(reply.headers['request-id']).toMatch(/^req_/);
    expect(reply.json).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', message: expect.any(String) }) });
    const overPlain = await plain('/v1/customers', { key: 'sk_test_not_a_real_key' });
    expect(overPlain.status).toBe(401);
    expect(withoutRequestIds(reply.text)).toBe(withoutRequestIds(overPlain.text));

    const rejected = h2stripeFor('sk_test_not_a_real_key').customers.list();
    await expect(rejected).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401, requestId: expect.stringMatching(/^req_/) });
    // A Stripe error from deeper down (404 from the service) comes back the same way.
    const missing = await h2request(session, { ':method': 'GET', ':path': '/v1/customers/cus_nope', authorization: `Bearer ${a.secretKey}` });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'id' });
  });

  it('streams a body larger than HTTP/2’s flow-control window, and refuses one over the limit as HTTP/1.1 does', async () => {
    const big = `description=${'d'.repeat(100_000)}&email=big%40example.com`; // > 64 KiB initial window
    const headers = { ':method': 'POST', ':path': '/v1/customers', authorization: `Bearer ${a.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' };
    const overH2 = await h2request(session, headers, big); // no content-length: forwarded chunked
    const overPlain = await plain('/v1/customers', { method: 'POST', key: a.secretKey, body: big });
    expect(overH2.status).toBe(overPlain.status);
    if (overH2.status === 200) expect(overH2.json.description).toHaveLength(100_000);
    else expect(withoutRequestIds(overH2.text)).toBe(withoutRequestIds(overPlain.text));

    const tooBig = `description=${'d'.repeat(300 * 1024)}`;
    const refusedH2 = await h2request(session, headers, tooBig);
    const refusedPlain = await plain('/v1/customers', { method: 'POST', key: a.secretKey, body: tooBig });
    expect(refusedH2.status).toBe(refusedPlain.status);
    expect(refusedH2.status).toBeGreaterThanOrEqual(400);
    expect(refusedH2.status).toBeLessThan(500);
    expect(withoutRequestIds(refusedH2.text)).toBe(withoutRequestIds(refusedPlain.text));
    expect(session.closed || session.destroyed).toBe(false); // the session outlives both
  });

  it('multiplexes concurrent streams on one session, each with its own request id', async () => {
    const customer = await a.stripe.customers.create({ email: 'many@example.com' });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => h2request(session, { ':method': 'GET', ':path': `/v1/customers/${customer.id}`, authorization: `Bearer ${a.secretKey}` })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(replies.map((r) => r.headers['request-id'])).size).toBe(20);
    expect(replies.every((r) => r.json.id === customer.id)).toBe(true);
  });

  it('falls back to HTTP/1.1 over TLS: by ALPN, and for a client that offers no ALPN', async () => {
    const customer = await a.stripe.customers.create({ email: 'h1@example.com' });
    const byAlpn = await http1OverTls(`/v1/customers/${customer.id}`, a.secretKey, ['http/1.1']);
    expect(byAlpn).toMatchObject({ status: 200, httpVersion: '1.1', alpn: 'http/1.1' });
    expect(byAlpn.headers['request-id']).toMatch(/^req_/);
    expect(byAlpn.json.id).toBe(customer.id);
    const noAlpn = await http1OverTls(`/v1/customers/${customer.id}`, a.secretKey);
    expect(noAlpn).toMatchObject({ status: 200, httpVersion: '1.1', alpn: false });
    expect(noAlpn.json).toEqual(byAlpn.json);
    const refused = await http1OverTls('/v1/customers', 'sk_test_not_a_real_key', ['http/1.1']);
    expect(refused.status).toBe(401);
    expect(refused.json.error.type).toBe('invalid_request_error');
  });

  it('refuses a client that does not trust the certificate, and the certificate names 127.0.0.1', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const s = http2.connect(tlsUrl().origin); // the system CAs only
        s.once('connect', () => resolve(s.close()));
        s.once('error', reject);
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/) });
    const peer = (session.socket as TLSSocket).getPeerCertificate();
    expect(peer.subjectaltname).toMatch(/IP Address:127\.0\.0\.1/);
  });
});
