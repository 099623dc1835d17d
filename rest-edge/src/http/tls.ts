import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { newId, type Logger } from '@paygate/chassis';

/**
 * The edge's HTTPS door: one TLS listener, ALPN `h2` with HTTP/1.1 fallback.
 *
 * Express cannot serve HTTP/2 itself: its req/res are built on http.IncomingMessage and
 * http.ServerResponse, which Node's HTTP/2 compatibility objects are not. So:
 * - HTTP/1.1 over TLS arrives (with `allowHTTP1`) as real IncomingMessage/ServerResponse and goes
 *   straight to the same express app;
 * - each HTTP/2 stream is forwarded over loopback to the edge's own plain HTTP/1.1 listener through
 *   a keep-alive agent: pseudo-headers dropped, `:authority` → Host, hop-by-hop headers dropped both
 *   ways, everything else (Authorization, Idempotency-Key, Content-Type, …) kept, bodies streamed
 *   both ways, `X-Forwarded-Proto: https` added. An upstream failure is a Stripe 502 `api_error`.
 */

/** Connection-scoped headers (RFC 9110 §7.6.1): never forwarded, and HTTP/2 forbids them (RFC 9113 §8.2.2). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-authenticate',
  'proxy-authorization',
  'http2-settings',
]);

/** Headers named in a Connection header are hop-by-hop too. */
function connectionTokens(value: string | string[] | undefined): Set<string> {
  if (value === undefined) return new Set();
  const joined = Array.isArray(value) ? value.join(',') : value;
  return new Set(joined.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
}

/**
 * An HTTP/2 request's headers as the HTTP/1.1 request to the plain listener. `Expect` is dropped:
 * the HTTP/2 side already answered `100-continue`, and the body is streamed as it comes.
 */
export function toUpstreamHeaders(headers: http2.IncomingHttpHeaders, remoteAddress?: string): http.OutgoingHttpHeaders {
  const named = connectionTokens(headers.connection);
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':') || name === 'host' || name === 'expect') continue;
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  // RFC 9113 §8.3.1: :authority, when present, is the request's host; a Host header is the fallback.
  const authority = headers[':authority'] ?? headers.host;
  if (authority) out.host = authority;
  out['x-forwarded-proto'] = 'https';
  if (remoteAddress) {
    const prior = headers['x-forwarded-for'];
    out['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${remoteAddress}` : remoteAddress;
  }
  return out;
}

/** The plain listener's response headers as the HTTP/2 response's: hop-by-hop ones dropped. */
export function toDownstreamHeaders(headers: http.IncomingHttpHeaders): http2.OutgoingHttpHeaders {
  const named = connectionTokens(headers.connection);
  const out: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

const UPSTREAM_FAILED = 'An error occurred while handling the request over HTTP/2. Retry the request; if it keeps failing, contact support with the request id.';

/** Stripe's error JSON for a forward that failed before any response: 502, `api_error`. */
export function upstreamFailureBody(message = UPSTREAM_FAILED): string {
  return JSON.stringify({ error: { type: 'api_error', message } });
}

/** The host the forwarder dials: the plain listener's, with an unspecified address replaced by loopback. */
export function loopbackFor(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

/** Certificate and key, PEM, from the files the environment names (PAYGATE_TLS_CERT_FILE, PAYGATE_TLS_KEY_FILE). */
export function readTlsFiles(env: { PAYGATE_TLS_CERT_FILE?: string | undefined; PAYGATE_TLS_KEY_FILE?: string | undefined }): { cert: Buffer; key: Buffer } {
  if (!env.PAYGATE_TLS_CERT_FILE || !env.PAYGATE_TLS_KEY_FILE) throw new Error('PAYGATE_TLS_CERT_FILE and PAYGATE_TLS_KEY_FILE are both required with TLS_PORT');
  return { cert: fs.readFileSync(env.PAYGATE_TLS_CERT_FILE), key: fs.readFileSync(env.PAYGATE_TLS_KEY_FILE) };
}

export interface TlsListenerOptions {
  /** The express app (any Node request listener): HTTP/1.1-over-TLS requests go to it directly. */
  app: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  /** The edge's plain HTTP/1.1 listener, where HTTP/2 streams are forwarded. */
  upstreamPort: number;
  /** Its host; default `host`, an unspecified address (0.0.0.0, ::) becoming loopback. */
  upstreamHost?: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  key: string | Buffer;
  cert: string | Buffer;
  logger: Logger;
}

export interface TlsListener {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (at most CLOSE_GRACE_MS), then closes everything. */
  close(): Promise<void>;
}

/** Idle keep-alive sockets to the plain listener are dropped before its 5 s keepAliveTimeout can close them under a request. */
const UPSTREAM_IDLE_MS = 4_000;
/** A connection with no bytes for this long is closed (Node's http default before v13). */
const IDLE_TIMEOUT_MS = 120_000;
const CLOSE_GRACE_MS = 5_000;

export async function startTlsListener(options: TlsListenerOptions): Promise<TlsListener> {
  const { app, logger } = options;
  const upstreamHost = loopbackFor(options.upstreamHost ?? options.host);
  const agent = new http.Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS, scheduling: 'lifo' });
  const server = http2.createSecureServer({ allowHTTP1: true, key: options.key, cert: options.cert });
  server.setTimeout(IDLE_TIMEOUT_MS);

  const sessions = new Set<http2.ServerHttp2Session>();
  /** HTTP/1.1 connections and how many requests each has in flight. */
  const http1 = new Map<TLSSocket, number>();
  let closing = false;

  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.alpnProtocol === 'h2') return;
    http1.set(socket, 0);
    socket.once('close', () => http1.delete(socket));
  });

  const fail = (res: http2.Http2ServerResponse, requestId: string, err: Error) => {
    logger.error({ err, request_id: requestId }, 'HTTP/2 forward to the plain listener failed');
    if (res.headersSent) {
      res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'request-id': requestId });
    res.end(upstreamFailureBody());
  };

  const forward = (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
    if (!req.url || req.method === 'CONNECT') {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid request: CONNECT is not supported.' } }));
      return;
    }
    // A request without a body (END_STREAM on its headers) can be sent again if a reused keep-alive
    // socket turns out to be closed; one with a body is streamed as it comes, so it cannot.
    const bodyless = req.stream.endAfterHeaders;
    const headers = toUpstreamHeaders(req.headers, req.socket.remoteAddress);
    let finished = false;
    let current: http.ClientRequest | null = null;
    // The client reset the stream or went away: stop the upstream request too.
    res.once('close', () => {
      if (!finished) current?.destroy();
    });
    const send = (retried: boolean): void => {
      const upstream = http.request({ agent, host: upstreamHost, port: options.upstreamPort, method: req.method, path: req.url, headers });
      current = upstream;
      let responded = false;
      upstream.on('response', (reply) => {
        responded = true;
        try {
          res.writeHead(reply.statusCode ?? 502, toDownstreamHeaders(reply.headers));
        } catch (err) {
          // A header HTTP/2 refuses (a doubled single-value one): the client gets a 502, not a crash.
          reply.resume();
          finished = true;
          fail(res, String(reply.headers['request-id'] ?? newId('request', 14)), err as Error);
          return;
        }
        reply.pipe(res);
        reply.on('end', () => {
          finished = true;
        });
        reply.on('error', (err) => fail(res, String(reply.headers['request-id'] ?? ''), err));
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (res.stream.destroyed) return; // the client left
        if (responded || finished) {
          // The answer came before the whole body went up (the plain listener closed early): drop the rest.
          if (!req.readableEnded) req.resume();
          return;
        }
        if (bodyless && !retried && upstream.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return send(true);
        fail(res, newId('request', 14), err);
      });
      if (bodyless) upstream.end();
      else req.pipe(upstream);
    };
    try {
      send(false);
    } catch (err) {
      fail(res, newId('request', 14), err as Error); // a header HTTP/1.1 refuses (http.request validates them)
    }
  };

  server.on('request', (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => {
    if (req instanceof http2.Http2ServerRequest) {
      forward(req, res as http2.Http2ServerResponse);
      return;
    }
    const socket = req.socket as TLSSocket;
    const response = res as http.ServerResponse;
    http1.set(socket, (http1.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (http1.get(socket) ?? 1) - 1;
      http1.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
    req.headers['x-forwarded-proto'] = 'https'; // the same the app sees from a forwarded HTTP/2 request
    app(req, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'TLS listener error'));
  const { port } = server.address() as AddressInfo;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  logger.info({ tlsPort: port, upstreamPort: options.upstreamPort }, 'rest edge listening on TLS (h2, http/1.1)');
  return {
    url: `https://${urlHost}:${port}`,
    port,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close(); // GOAWAY: in-flight streams finish, no new ones
      for (const [socket, inFlight] of http1) if (inFlight === 0) socket.destroy();
      const force = setTimeout(() => {
        for (const session of sessions) session.destroy();
        for (const socket of http1.keys()) socket.destroy();
      }, CLOSE_GRACE_MS);
      await closed;
      clearTimeout(force);
      agent.destroy();
    },
  };
}
