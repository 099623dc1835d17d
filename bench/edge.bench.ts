/**
 * Load on the REST edge of a running stack (`pnpm start` first), loopback only, bounded in time
 * and in request count. Prints throughput and latency per scenario, the ledger's lag behind a
 * burst of charges, and the stack's memory.
 *
 *   pnpm bench                      # 10 s per scenario, 10 connections
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 pnpm bench
 */
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { newAccount } from '../infra/src/accounts';
import { startFloor } from './floor';

const BASE = process.env.PAYGATE_BENCH_URL ?? 'http://127.0.0.1:4000';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE)) throw new Error(`benchmarks target loopback only, not ${BASE}`);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

async function run(s: Scenario, key: string, base = BASE) {
  process.stdout.write(`${s.name}: ${SECONDS}s × ${CONNECTIONS} connections…\n`);
  const result = await autocannon({
    url: `${base}${s.path}`,
    method: s.method,
    body: s.body,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return {
    scenario: s.name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
    errors: result.errors,
  };
}

async function get(path: string, key: string) {
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return (await res.json()) as Record<string, any>;
}

async function count(resource: string, key: string): Promise<number> {
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const page = await get(`/v1/${resource}?limit=100${after ? `&starting_after=${after}` : ''}`, key);
    total += page.data.length;
    if (!page.has_more) return total;
    after = page.data[page.data.length - 1].id;
  }
}

function stackRssMb(): number {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return Math.round(
    out
      .split('\n')
      .filter((line) => /--import tsx .*\/src\/main\.ts|kafka\.Kafka/.test(line))
      .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0]), 0) / 1024,
  );
}

/** Charge committed (its response received) → its ledger entry visible, for `samples` charges one at a time. */
async function ledgerLag(key: string, samples = 50): Promise<{ p50: number; p99: number; max: number }> {
  const lags: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const res = await fetch(`${BASE}/v1/charges`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=2000&currency=usd&source=tok_visa' });
    const charge = (await res.json()) as { id: string };
    const committed = performance.now();
    for (let tries = 0; tries < 2_000; tries += 1) {
      const page = await get(`/v1/balance_transactions?source=${charge.id}`, key);
      if (page.data.length) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lags.push(performance.now() - committed);
  }
  lags.sort((x, y) => x - y);
  const at = (q: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(lags[lags.length - 1]!) };
}

async function main(): Promise<void> {
  const account = await newAccount('bench');
  process.stdout.write(`bench account ${account.id}\n`);
  const key = account.secret_key;
  const customer = (await (await fetch(`${BASE}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=bench@example.com' })).json()) as { id: string };
  const rssBefore = stackRssMb();
  const rows = [];
  rows.push(await run({ name: 'GET /v1/customers/:id', method: 'GET', path: `/v1/customers/${customer.id}` }, key));
  rows.push(await run({ name: 'POST /v1/customers', method: 'POST', path: '/v1/customers', body: 'email=load@example.com&metadata[run]=bench' }, key));
  rows.push(await run({ name: 'GET /v1/customers?limit=10', method: 'GET', path: '/v1/customers?limit=10' }, key));
  const charges = await run({ name: 'POST /v1/charges (tok_visa)', method: 'POST', path: '/v1/charges', body: 'amount=2000&currency=usd&source=tok_visa' }, key);
  rows.push(charges);
  const burstEnded = Date.now();
  // Requests still in flight when the clock stopped are not in autocannon's count, but they make
  // charges: let them land, then count what exists.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const expected = await count('charges', key);
  let seen = 0;
  while (Date.now() - burstEnded < 120_000) {
    seen = await count('balance_transactions', key);
    if (seen >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const lagMs = Date.now() - burstEnded; // includes the 1 s settle above: an upper bound
  // Read before the intents scenario books more.
  const balance = await get('/v1/balance', key);
  rows.push(await run({ name: 'GET /v1/balance', method: 'GET', path: '/v1/balance' }, key));
  const intentBody = 'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true';
  const intents = await run({ name: 'POST /v1/payment_intents (pm_card_visa, confirm)', method: 'POST', path: '/v1/payment_intents', body: intentBody }, key);
  rows.push(intents);
  const floor = await startFloor();
  try {
    const floorRow = await run({ name: 'floor: node:http + pg, 1 tx of 3 inserts', method: 'POST', path: '/floor', body: intentBody }, key, floor.url);
    rows.push(floorRow);
    rows.push({ scenario: 'ratio payment_intents / floor (req/s)', 'req/s': Number((intents['req/s'] / Math.max(1, floorRow['req/s'])).toFixed(3)) });
  } finally {
    await floor.stop();
  }
  console.table(rows);
  const lag = await ledgerLag(key);
  console.log(`ledger lag, charge response → its balance transaction visible (50 charges, one at a time, 5 ms polling): p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
  console.log(`ledger: ${seen}/${expected} charges booked ${lagMs} ms after the charge burst ended; pending usd = ${balance.pending[0]?.amount} (expected ${expected * 1912})`);
  console.log(`stack RSS: ${rssBefore} MB before, ${stackRssMb()} MB after (9 node processes + the Kafka JVM)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
