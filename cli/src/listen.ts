import fs from 'node:fs';
import path from 'node:path';
import { RUN_DIR } from '../../infra/src/topology';
import { apiUrl } from './config';
import { CliError } from './errors';
import { eventMatches } from './event-filter';
import { EventPoller, ListError, type EventPage, type ListedEvent } from './event-poller';
import { newSigningSecret, signatureHeader } from './signature';

export const POLL_EVERY_MS = 250;
const FORWARD_TIMEOUT_MS = 10_000;
const LIST_TIMEOUT_MS = 10_000;

export const signingSecretFile = () => path.join(RUN_DIR, 'cli-webhook-secret');

/** The listener's signing secret: made once, kept (mode 600) so a local endpoint's config stays valid. */
export function signingSecret(file = signingSecretFile()): string {
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (/^whsec_[0-9A-Za-z]{16,}$/.test(saved)) return saved;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const secret = newSigningSecret();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return secret;
}

/** `2026-12-01 14:03:07`, local time, as Stripe's CLI prints it. */
export function clock(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** fetch's own "fetch failed" says little: the cause (ECONNREFUSED 127.0.0.1:3000, a timeout) says what happened. */
export function describeFetchError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.message ?? e.cause?.code ?? e.message;
}

/** GET /v1/events with the key: the page, or a ListError with the API's message. */
export function httpEventLister(base: URL, key: string, signal: AbortSignal) {
  return async (params: Record<string, string>): Promise<EventPage> => {
    const url = apiUrl(base, '/v1/events');
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${key}`, 'User-Agent': 'paygate-cli' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(LIST_TIMEOUT_MS)]),
    });
    const body = (await res.json().catch(() => null)) as (EventPage & { error?: { message?: string; param?: string } }) | null;
    if (!res.ok || !body || !Array.isArray(body.data)) {
      throw new ListError(body?.error?.message ?? `GET /v1/events answered ${res.status}`, res.status, body?.error?.param);
    }
    return body;
  };
}

export interface ForwardResult {
  status: number;
}

/** POSTs the event as the API shows it, signed as Paygate's (and Stripe's) webhooks are. */
export async function forwardEvent(event: ListedEvent, url: string, secret: string, signal?: AbortSignal): Promise<ForwardResult> {
  const body = JSON.stringify(event);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': signatureHeader(secret, body, nowSeconds()),
    },
    body,
    redirect: 'manual',
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(FORWARD_TIMEOUT_MS)]) : AbortSignal.timeout(FORWARD_TIMEOUT_MS),
  });
  await res.arrayBuffer().catch(() => undefined); // drain: the connection goes back to the pool
  return { status: res.status };
}

export interface ListenOptions {
  base: URL;
  key: string;
  forwardTo?: string;
  events: string[];
  maxEvents?: number;
  forSeconds?: number;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Prints (and forwards) every matching event from now on, until ^C, SIGTERM, --max-events or --for. */
export async function listen(options: ListenOptions): Promise<void> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secret = signingSecret();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const deadline = options.forSeconds === undefined ? null : setTimeout(onSignal, options.forSeconds * 1000);
  try {
    const list = httpEventLister(options.base, options.key, stop.signal);
    const poller = new EventPoller(list, nowSeconds());
    // One call first: a wrong key or an unreachable API is said before "Ready!", not after.
    try {
      await list({ limit: '1' });
    } catch (e) {
      if (stop.signal.aborted) return;
      throw new CliError(e instanceof ListError ? `GET /v1/events: ${e.message}` : `cannot reach ${options.base.origin}: ${describeFetchError(e)}`);
    }
    out(`Ready! Your webhook signing secret is ${secret} (^C to quit)`);
    if (options.forwardTo) out(`Forwarding events to ${options.forwardTo}${options.events.includes('*') ? '' : ` (${options.events.join(', ')})`}`);
    let handled = 0;
    let unreachableSince: number | null = null;
    while (!stop.signal.aborted) {
      let fresh: ListedEvent[] = [];
      try {
        fresh = await poller.poll();
        if (unreachableSince !== null) err(`${clock(nowSeconds())}  reconnected to ${options.base.origin}`);
        unreachableSince = null;
      } catch (e) {
        if (stop.signal.aborted) break;
        if (e instanceof ListError && (e.status === 401 || e.status === 403)) throw new CliError(`GET /v1/events: ${e.message}`);
        if (unreachableSince === null) err(`${clock(nowSeconds())}  [ERROR] ${e instanceof ListError ? e.message : `cannot reach ${options.base.origin}: ${describeFetchError(e)}`} (retrying)`);
        unreachableSince ??= Date.now();
      }
      for (const event of fresh) {
        if (stop.signal.aborted) break;
        if (!eventMatches(options.events, event.type)) continue;
        out(`${clock(event.created)}  --> ${event.type} [${event.id}]`);
        if (options.forwardTo) {
          try {
            const { status } = await forwardEvent(event, options.forwardTo, secret, stop.signal);
            out(`${clock(nowSeconds())}  <-- [${status}] POST ${options.forwardTo} [${event.id}]`);
          } catch (e) {
            if (stop.signal.aborted) break;
            err(`${clock(nowSeconds())}  [ERROR] Failed to POST: ${describeFetchError(e)} (POST ${options.forwardTo} [${event.id}])`);
          }
        }
        handled += 1;
        if (options.maxEvents !== undefined && handled >= options.maxEvents) stop.abort();
      }
      await sleep(POLL_EVERY_MS, stop.signal);
    }
  } finally {
    if (deadline) clearTimeout(deadline);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
