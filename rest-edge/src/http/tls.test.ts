import { edgeEnvSchema } from '../env';
import { loopbackFor, toDownstreamHeaders, toUpstreamHeaders, upstreamFailureBody } from './tls';

describe('HTTP/2 → HTTP/1.1 request headers', () => {
  const h2 = {
    ':method': 'POST',
    ':path': '/v1/customers?expand[]=x',
    ':scheme': 'https',
    ':authority': '127.0.0.1:4043',
    authorization: 'Bearer sk_test_abc',
    'idempotency-key': 'order-6735',
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': '21',
    'stripe-version': '2025-01-27.acacia',
    'user-agent': 'Stripe/v1 NodeBindings/23.1.0',
    cookie: 'a=1; b=2',
  };

  it('drops pseudo-headers, turns :authority into Host and keeps everything else as it is', () => {
    expect(toUpstreamHeaders(h2)).toEqual({
      host: '127.0.0.1:4043',
      authorization: 'Bearer sk_test_abc',
      'idempotency-key': 'order-6735',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '21',
      'stripe-version': '2025-01-27.acacia',
      'user-agent': 'Stripe/v1 NodeBindings/23.1.0',
      cookie: 'a=1; b=2',
      'x-forwarded-proto': 'https',
    });
  });

  it('prefers :authority over a Host header, and falls back to Host without one', () => {
    expect(toUpstreamHeaders({ ':authority': 'a.example', host: 'b.example' }).host).toBe('a.example');
    expect(toUpstreamHeaders({ ':path': '/', host: 'b.example' }).host).toBe('b.example');
    expect(toUpstreamHeaders({ ':path': '/' })).not.toHaveProperty('host');
  });

  it('drops hop-by-hop headers, those the Connection header names, and Expect', () => {
    const out = toUpstreamHeaders({
      ':path': '/',
      connection: 'keep-alive, X-Private-Hop',
      'keep-alive': 'timeout=5',
      'proxy-connection': 'keep-alive',
      'transfer-encoding': 'chunked',
      upgrade: 'h2c',
      te: 'trailers',
      'http2-settings': 'AAMAAABkAAQCAAAAAAIAAAAA',
      'x-private-hop': '1',
      expect: '100-continue',
      accept: 'application/json',
    });
    expect(out).toEqual({ accept: 'application/json', 'x-forwarded-proto': 'https' });
  });

  it('says https whatever the client claimed, and appends the client address to X-Forwarded-For', () => {
    expect(toUpstreamHeaders({ 'x-forwarded-proto': 'http' }, '127.0.0.1')).toMatchObject({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '127.0.0.1' });
    expect(toUpstreamHeaders({ 'x-forwarded-for': '203.0.113.7' }, '::1')['x-forwarded-for']).toBe('203.0.113.7, ::1');
  });
});

describe('HTTP/1.1 → HTTP/2 response headers', () => {
  it('keeps the response headers (Request-Id, Idempotent-Replayed, Set-Cookie lists) and drops hop-by-hop ones', () => {
    expect(
      toDownstreamHeaders({
        'content-type': 'application/json; charset=utf-8',
        'content-length': '42',
        'request-id': 'req_abc',
        'idempotent-replayed': 'true',
        'original-request': 'req_first',
        'set-cookie': ['a=1', 'b=2'],
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'proxy-connection': 'close',
        date: 'Tue, 01 Dec 2026 00:00:00 GMT',
      }),
    ).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'content-length': '42',
      'request-id': 'req_abc',
      'idempotent-replayed': 'true',
      'original-request': 'req_first',
      'set-cookie': ['a=1', 'b=2'],
      date: 'Tue, 01 Dec 2026 00:00:00 GMT',
    });
  });

  it('drops a header the Connection header names', () => {
    expect(toDownstreamHeaders({ connection: 'close, x-upstream-only', 'x-upstream-only': '1', vary: 'Origin' })).toEqual({ vary: 'Origin' });
  });
});

describe('the HTTPS door’s odds and ends', () => {
  it('answers an upstream failure with Stripe’s api_error JSON', () => {
    expect(JSON.parse(upstreamFailureBody())).toEqual({ error: { type: 'api_error', message: expect.stringMatching(/Retry the request/) } });
  });

  it('dials loopback when the plain listener is on an unspecified address', () => {
    expect(loopbackFor('0.0.0.0')).toBe('127.0.0.1');
    expect(loopbackFor('::')).toBe('::1');
    expect(loopbackFor('127.0.0.1')).toBe('127.0.0.1');
  });

  it('takes TLS_PORT and both PEM files together or not at all', () => {
    const base = { DATABASE_URL: 'postgresql://x/y', PAYGATE_CONTEXT_SECRET: 'x'.repeat(32) };
    expect(edgeEnvSchema.parse(base).TLS_PORT).toBeUndefined();
    expect(edgeEnvSchema.parse({ ...base, TLS_PORT: '' }).TLS_PORT).toBeUndefined();
    const on = edgeEnvSchema.parse({ ...base, TLS_PORT: '4043', PAYGATE_TLS_CERT_FILE: '/c.pem', PAYGATE_TLS_KEY_FILE: '/k.pem' });
    expect(on).toMatchObject({ TLS_PORT: 4043, PAYGATE_TLS_CERT_FILE: '/c.pem', PAYGATE_TLS_KEY_FILE: '/k.pem' });
    expect(edgeEnvSchema.safeParse({ ...base, TLS_PORT: '4043' }).success).toBe(false);
    expect(edgeEnvSchema.safeParse({ ...base, PAYGATE_TLS_CERT_FILE: '/c.pem', PAYGATE_TLS_KEY_FILE: '/k.pem' }).success).toBe(false);
  });
});
