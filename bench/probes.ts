/**
 * The measurements that are not throughput: one-at-a-time latency through and around the gateway,
 * and the ledger's lag behind charges under load. Also the stack-side seeds the routes need.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Ports } from '../infra/src/topology';
import { customerObject } from '../rest-edge/src/objects/customer';
import { selectionOf } from '../rest-edge/src/objects/stripe-object';
import { ACCOUNT_CONTEXT_HEADER, REQUEST_ID_HEADER, signAccountContext } from '../services/chassis/src/account-context';
import { forSeconds, load, OneConnection, percentile, type LoadResult } from './load';
import { ROUTES, type Seeds } from './routes';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const WARMUP = 50;
const MAX_SAMPLES = 20_000;
const LEDGER_WAIT_MS = 30_000;
const SEED_WAIT_MS = 120_000;

const form = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' });

async function post(edgeUrl: string, key: string, path: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${edgeUrl}${path}`, { method: 'POST', headers: { ...form(key), 'idempotency-key': randomUUID() }, body, signal: AbortSignal.timeout(15_000) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}

/** The ledger database, asked directly whether a charge's balance transaction exists yet. */
export class Ledger {
  private constructor(
    private readonly client: Client,
    private readonly account: string,
  ) {}

  static async open(databaseUrl: string, account: string): Promise<Ledger> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new Ledger(client, account);
  }

  async booked(chargeId: string): Promise<boolean> {
    const { rowCount } = await this.client.query("SELECT 1 FROM balance_transactions WHERE account = $1 AND source = $2 AND type = 'charge' LIMIT 1", [this.account, chargeId]);
    return (rowCount ?? 0) > 0;
  }

  /** ms from now until the charge's entry is visible, polling every `everyMs`; null after `withinMs`. */
  async waitBooked(chargeId: string, everyMs: number, withinMs = LEDGER_WAIT_MS): Promise<number | null> {
    const from = performance.now();
    while (performance.now() - from < withinMs) {
      const asked = performance.now(); // the query's snapshot is taken after this: the entry was visible by then
      if (await this.booked(chargeId)) return asked - from;
      await sleep(everyMs);
    }
    return null;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/**
 * 11 customers (a full page for the list) and, for the refunds, a charge of the maximum amount, waited
 * for until it is booked: the balance it credits is what the refunds debit.
 */
export async function seedStack(edgeUrl: string, key: string, ledger: Ledger, withRefundCharge: boolean, log: (line: string) => void): Promise<Seeds> {
  let customerId = '';
  for (let i = 0; i < 11; i += 1) customerId = String((await post(edgeUrl, key, '/v1/customers', `email=seed${i}@example.com&metadata[seed]=${i}`)).id);
  if (!withRefundCharge) return { customerId, chargeId: '' };
  const chargeId = String((await post(edgeUrl, key, '/v1/charges', 'amount=99999999&currency=usd&source=tok_visa&description=bench+refunds')).id);
  const lag = await ledger.waitBooked(chargeId, 20, SEED_WAIT_MS);
  if (lag === null) throw new Error(`the seed charge ${chargeId} was not booked in the ledger within ${SEED_WAIT_MS / 1000}s`);
  if (lag > 5_000) log(`!! the seed charge took ${Math.round(lag)} ms to be booked in the ledger`);
  return { customerId, chargeId };
}

export interface GatewayOverhead {
  subgraphP50: number;
  gatewayP50: number;
  overheadP50: number;
  samples: number;
  errors: number;
  firstError: string | null;
}

/** customer(id:) at 1 connection, straight to the customer subgraph and through the gateway, alternating request by request. */
export async function gatewayOverhead(opts: { ports: Ports; contextSecret: string; account: string; customerId: string; seconds: number }): Promise<GatewayOverhead> {
  const body = JSON.stringify({ query: `query($id: ID!) { customer(id: $id) { ${selectionOf(customerObject)} } }`, variables: { id: opts.customerId } });
  const subgraph = new OneConnection(`http://127.0.0.1:${opts.ports.services.customer}`);
  const gateway = new OneConnection(`http://127.0.0.1:${opts.ports.gateway}`);
  let errors = 0;
  let firstError: string | null = null;
  const once = async (conn: OneConnection): Promise<number> => {
    const headers = { 'content-type': 'application/json', [ACCOUNT_CONTEXT_HEADER]: signAccountContext(opts.account, opts.contextSecret), [REQUEST_ID_HEADER]: `req_bench${randomUUID().slice(0, 8)}` };
    const began = performance.now();
    const res = await conn.request('POST', '/graphql', headers, body);
    const took = performance.now() - began;
    if (res.status !== 200 || res.body.includes('"errors"') || !res.body.includes(opts.customerId)) {
      errors += 1;
      firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 400)}`;
    }
    return took;
  };
  try {
    for (let i = 0; i < WARMUP; i += 1) await Promise.all([once(subgraph), once(gateway)]).catch(() => undefined);
    errors = 0;
    firstError = null;
    const pairs = await forSeconds(opts.seconds, MAX_SAMPLES, async () => [await once(subgraph), await once(gateway)] as const);
    const subgraphP50 = percentile(pairs.map((p) => p[0]), 0.5);
    const gatewayP50 = percentile(pairs.map((p) => p[1]), 0.5);
    return { subgraphP50, gatewayP50, overheadP50: gatewayP50 - subgraphP50, samples: pairs.length, errors, firstError };
  } finally {
    subgraph.close();
    gateway.close();
  }
}

export interface OneAtATime {
  p50: number;
  p99: number;
  samples: number;
  non2xx: number;
  firstError: string | null;
}

/** GET /v1/customers/:id through the whole stack, one request at a time on one connection. */
export async function edgeRetrieveLatency(opts: { edgeUrl: string; key: string; customerId: string; seconds: number }): Promise<OneAtATime> {
  const conn = new OneConnection(opts.edgeUrl);
  const headers = { authorization: `Bearer ${opts.key}` };
  let non2xx = 0;
  let firstError: string | null = null;
  const once = async () => {
    const began = performance.now();
    const res = await conn.request('GET', `/v1/customers/${opts.customerId}`, headers);
    const took = performance.now() - began;
    if (res.status < 200 || res.status > 299) {
      non2xx += 1;
      firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 400)}`;
    }
    return took;
  };
  try {
    for (let i = 0; i < WARMUP; i += 1) await once();
    non2xx = 0;
    firstError = null;
    const samples = await forSeconds(opts.seconds, MAX_SAMPLES, once);
    return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), samples: samples.length, non2xx, firstError };
  } finally {
    conn.close();
  }
}

/**
 * A loopback webhook endpoint of the bench account (charge.succeeded only): when each charge's
 * webhook arrived, on this process's clock, so the probe can tell response → webhook arrival.
 */
export class WebhookReceiver {
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly arrivals: Map<string, number>,
  ) {}

  static async start(edgeUrl: string, key: string): Promise<WebhookReceiver> {
    const arrivals = new Map<string, number>();
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        try {
          const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { object?: { id?: string } } };
          const id = event.data?.object?.id;
          if (id && !arrivals.has(id)) arrivals.set(id, at);
        } catch {
          // not an event: counted nowhere
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, arrivals);
    await post(edgeUrl, key, '/v1/webhook_endpoints', `url=${encodeURIComponent(receiver.url)}&enabled_events[]=charge.succeeded`);
    return receiver;
  }

  /** Response → arrival for each charge answered at `respondedAt`, waiting up to `withinMs` for the last; null: never arrived. */
  async delays(respondedAt: Map<string, number>, withinMs = 30_000): Promise<{ delaysMs: number[]; missing: number }> {
    const deadline = performance.now() + withinMs;
    while ([...respondedAt.keys()].some((id) => !this.arrivals.has(id)) && performance.now() < deadline) await sleep(50);
    const delaysMs = [...respondedAt].filter(([id]) => this.arrivals.has(id)).map(([id, at]) => this.arrivals.get(id)! - at);
    return { delaysMs, missing: respondedAt.size - delaysMs.length };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Where a charge's ledger lag goes, from the databases' own clock (one PostgreSQL server, so one
 * clock): outbox row written (the charge's transaction; now() is its start) → published (the relay
 * sets published_at after the broker acknowledged, acks=-1) → processed (the balance consumer's
 * transaction start, processed_events.processed_at). Per charge.succeeded of the given charges.
 */
export async function lagStages(chargeDatabaseUrl: string, balanceDatabaseUrl: string, chargeIds: string[]): Promise<{ relayMs: number[]; consumerMs: number[] }> {
  const charge = new Client({ connectionString: chargeDatabaseUrl });
  const balance = new Client({ connectionString: balanceDatabaseUrl });
  await Promise.all([charge.connect(), balance.connect()]);
  try {
    const outbox = await charge.query<{ id: string; created: Date; published: Date | null }>(
      `SELECT id, created_at AS created, published_at AS published FROM outbox_events
       WHERE type = 'charge.succeeded' AND payload->'data'->'object'->>'id' = ANY($1::text[])`,
      [chargeIds],
    );
    const processed = await balance.query<{ event_id: string; processed_at: Date }>('SELECT event_id, processed_at FROM processed_events WHERE event_id = ANY($1::text[])', [outbox.rows.map((r) => r.id)]);
    const at = new Map(processed.rows.map((r) => [r.event_id, r.processed_at.getTime()]));
    const relayMs: number[] = [];
    const consumerMs: number[] = [];
    for (const row of outbox.rows) {
      if (!row.published) continue;
      relayMs.push(row.published.getTime() - row.created.getTime());
      const done = at.get(row.id);
      if (done !== undefined) consumerMs.push(done - row.published.getTime());
    }
    return { relayMs, consumerMs };
  } finally {
    await Promise.all([charge.end(), balance.end()]);
  }
}

export interface LedgerLag {
  rate: number;
  load: LoadResult;
  lagsMs: number[];
  /** The same probe charges, response → their charge.succeeded webhook's arrival (when a receiver was given). */
  webhook: { delaysMs: number[]; missing: number } | null;
  /** The probe charges' ids, for lagStages. */
  chargeIds: string[];
  /** Probe charges whose entry did not appear within LEDGER_WAIT_MS. */
  unbooked: number;
  probeErrors: number;
  firstProbeError: string | null;
}

/**
 * Charges at `rate` req/s for `seconds` (autocannon overallRate) and, meanwhile, one probe charge at
 * a time: its response → its balance transaction visible in the ledger database (polled every 2 ms).
 * At most `maxSamples` probes, and none started after the load ends.
 */
export async function ledgerLag(opts: { edgeUrl: string; key: string; ledger: Ledger; rate: number; seconds: number; connections: number; maxSamples?: number; webhooks?: WebhookReceiver }): Promise<LedgerLag> {
  const charges = ROUTES.find((r) => r.name === 'charges.create')!.request({ customerId: '', chargeId: '' });
  const running = load({ url: opts.edgeUrl, request: charges, key: opts.key, connections: opts.connections, seconds: opts.seconds, overallRate: opts.rate });
  running.catch(() => undefined); // awaited below; handled even if a probe throws first
  const conn = new OneConnection(opts.edgeUrl);
  const lagsMs: number[] = [];
  const respondedAt = new Map<string, number>();
  let unbooked = 0;
  let probeErrors = 0;
  let firstProbeError: string | null = null;
  const end = performance.now() + opts.seconds * 1000;
  try {
    await sleep(Math.min(1_000, opts.seconds * 100)); // let the load reach its rate
    while (performance.now() < end && lagsMs.length + unbooked < (opts.maxSamples ?? 50)) {
      const res = await conn.request('POST', '/v1/charges', { ...form(opts.key), 'idempotency-key': randomUUID() }, charges.body);
      if (res.status !== 200) {
        probeErrors += 1;
        firstProbeError ??= `HTTP ${res.status}: ${res.body.slice(0, 400)}`;
        await sleep(50);
        continue;
      }
      const id = (JSON.parse(res.body) as { id: string }).id;
      respondedAt.set(id, performance.now());
      const lag = await opts.ledger.waitBooked(id, 2);
      if (lag === null) unbooked += 1;
      else lagsMs.push(lag);
    }
  } finally {
    conn.close();
  }
  const loadResult = await running;
  const webhook = opts.webhooks ? await opts.webhooks.delays(respondedAt) : null;
  return { rate: opts.rate, load: loadResult, lagsMs, webhook, chargeIds: [...respondedAt.keys()], unbooked, probeErrors, firstProbeError };
}

/**
 * POST /v1/invoices/:id/pay through the whole stack, one at a time: each sample pays a fresh open
 * invoice (one invoice item, created and finalized before the clock starts) with the customer's
 * default payment method (pm_card_visa), so the time is the pay alone: the invoice service's
 * PaymentIntent through the charge service and the invoice's own update.
 */
export async function invoicePayLatency(opts: { edgeUrl: string; key: string; samples: number }): Promise<OneAtATime> {
  const customer = String((await post(opts.edgeUrl, opts.key, '/v1/customers', 'email=invoices@example.com&metadata[run]=bench')).id);
  const pm = await post(opts.edgeUrl, opts.key, '/v1/payment_methods/pm_card_visa/attach', `customer=${customer}`);
  await post(opts.edgeUrl, opts.key, `/v1/customers/${customer}`, `invoice_settings[default_payment_method]=${pm.id}`);
  const openInvoice = async () => {
    await post(opts.edgeUrl, opts.key, '/v1/invoiceitems', `customer=${customer}&amount=2500&currency=usd&description=bench`);
    const draft = await post(opts.edgeUrl, opts.key, '/v1/invoices', `customer=${customer}&auto_advance=false&pending_invoice_items_behavior=include`);
    await post(opts.edgeUrl, opts.key, `/v1/invoices/${draft.id}/finalize`, 'auto_advance=false');
    return String(draft.id);
  };
  const conn = new OneConnection(opts.edgeUrl);
  let non2xx = 0;
  let firstError: string | null = null;
  const samples: number[] = [];
  try {
    for (let i = 0; i < opts.samples; i += 1) {
      const invoice = await openInvoice();
      const began = performance.now();
      const res = await conn.request('POST', `/v1/invoices/${invoice}/pay`, { ...form(opts.key), 'idempotency-key': randomUUID() }, '');
      const took = performance.now() - began;
      if (res.status < 200 || res.status > 299 || (JSON.parse(res.body) as { status?: string }).status !== 'paid') {
        non2xx += 1;
        firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 400)}`;
      }
      samples.push(took);
    }
    return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), samples: samples.length, non2xx, firstError };
  } finally {
    conn.close();
  }
}
