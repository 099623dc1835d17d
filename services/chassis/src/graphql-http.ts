import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { httpRequestSeconds, registry } from './metrics';

/**
 * Apollo Server on Node's own HTTP servers, without express: the subgraphs and the gateway serve
 * one path and three probes, and express's router, body parser and response helpers were a
 * measured part of each hop's CPU. The same handler serves HTTP/1.1 (node:http) and h2c
 * (node:http2), whose request and response objects share the surface used here.
 */
export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;
export type NodeHandler = (req: NodeRequest, res: NodeResponse) => void | Promise<void>;

export function sendJson(res: NodeResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  (res as ServerResponse).writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A request body over its limit (readBody). */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The whole body, refused past `limitBytes` (declared or counted) with BodyTooLargeError; the rest
 * of a refused body is drained, so the connection can answer and stay usable.
 */
export function readBody(req: NodeRequest, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      req.resume();
      reject(new BodyTooLargeError(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** One header's value (the first, when repeated). */
export function headerOf(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function requestError(res: NodeResponse, status: number, message: string, code = 'BAD_REQUEST'): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

async function writeResponse(res: NodeResponse, response: HTTPGraphQLResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  if (response.body.kind === 'complete') {
    headers['content-length'] = String(Buffer.byteLength(response.body.string));
    (res as ServerResponse).writeHead(response.status ?? 200, headers);
    res.end(response.body.string);
    return;
  }
  (res as ServerResponse).writeHead(response.status ?? 200, headers);
  for await (const chunk of response.body.asyncIterator) (res as ServerResponse).write(chunk);
  res.end();
}

export interface GraphQLHandlerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: NodeRequest) => Promise<C>;
  limitBytes: number;
  /**
   * No text column can hold NUL: a client's NUL (JSON-escaped as \u0000) is its mistake (400), not a
   * database failure (500). Found in the raw bytes, not by walking the parsed body.
   */
  rejectNul?: boolean;
}

/** POST (JSON) and GET GraphQL requests, executed by Apollo Server; errors in the envelope GraphQL clients expect. */
export function graphqlHandler<C extends BaseContext>(options: GraphQLHandlerOptions<C>): NodeHandler {
  const { apollo, context, limitBytes, rejectNul } = options;
  return async (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name.startsWith(':')) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, limitBytes);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return requestError(res, 413, 'Request body too large.');
        throw err;
      }
      if (rejectNul && raw.includes('\\u0000')) return requestError(res, 400, 'Strings cannot contain NUL characters.', 'BAD_USER_INPUT');
      if (!(headers.get('content-type') ?? '').startsWith('application/json')) return requestError(res, 415, 'POST bodies must be JSON (content-type: application/json).');
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return requestError(res, 400, 'The request body is not valid JSON.');
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: q >= 0 ? url.slice(q + 1) : '', body },
      context: () => context(req),
    });
    await writeResponse(res, response);
  };
}

/** GET /metrics: the registry in Prometheus text format. Mount it only where the network is internal. */
export const metricsRoute: NodeHandler = async (_req, res) => {
  const text = await registry.metrics();
  (res as ServerResponse).writeHead(200, { 'content-type': registry.contentType });
  res.end(text);
};

/**
 * Exact-path routing for a handful of paths, with the request-duration histogram every Paygate
 * process exports (labelled by route, never by the raw URL) and a 404/500 in JSON otherwise.
 */
export function routes(table: Record<string, NodeHandler>, onError: (err: unknown) => void): NodeHandler {
  return async (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    const handler = Object.prototype.hasOwnProperty.call(table, path) ? table[path] : undefined;
    const end = httpRequestSeconds.startTimer({ method: req.method ?? 'GET', route: handler ? path : 'unmatched' });
    res.once('finish', () => end({ status: String(res.statusCode) }));
    if (!handler) return sendJson(res, 404, { error: 'not found' });
    try {
      await handler(req, res);
    } catch (err) {
      onError(err);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'An unexpected error occurred.', extensions: { code: 'api_error' } }] });
      else res.end();
    }
  };
}
