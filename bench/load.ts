/**
 * Load generation: autocannon for throughput, a keep-alive node:http client for one-at-a-time
 * latency (autocannon's histogram has whole-millisecond resolution).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';

export interface RouteRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** A fresh Idempotency-Key header on every request. */
  idempotent: boolean;
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Responses received (2xx or not). */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first non-2xx response: status and body. */
  firstError: string | null;
  seconds: number;
}

/** The run in progress, so Ctrl-C can stop it. */
let current: autocannon.Instance | null = null;
export function stopCurrentLoad(): void {
  current?.stop();
}

export function load(opts: { url: string; request: RouteRequest; key: string; connections: number; seconds: number; overallRate?: number }): Promise<LoadResult> {
  const { request } = opts;
  let firstError: string | null = null;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: 10,
        ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
        headers: {
          authorization: `Bearer ${opts.key}`,
          ...(request.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        requests: [
          {
            method: request.method,
            path: request.path,
            ...(request.body !== undefined ? { body: request.body } : {}),
            ...(request.idempotent ? { setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) } : {}),
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && firstError === null) firstError = `HTTP ${status}: ${body.slice(0, 600)}`;
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(guard);
        current = null;
        if (err) return reject(err);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
        resolve({
          reqPerSec: result.requests.total / Math.max(0.001, result.duration),
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          firstError,
          seconds: result.duration,
        });
      },
    );
    current = instance;
    // autocannon stops itself at `duration`; this is the bound if it ever does not.
    const guard = setTimeout(() => instance.stop(), (opts.seconds + 30) * 1000);
  });
}

/** A keep-alive HTTP/1.1 client on one socket: one request at a time. */
export class OneConnection {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string) {}

  request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { agent: this.agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: body !== undefined ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Run `step` back to back for `seconds` (at most `maxSamples` times); each step returns its own sample(s). */
export async function forSeconds<T>(seconds: number, maxSamples: number, step: () => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end && samples.length < maxSamples) samples.push(await step());
  return samples;
}

export function percentile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
