/**
 * `pnpm bench`: the stack against a floor, in one run, loopback only, every loop bounded.
 *
 * Uses the stack at --url if its /ready answers 200, otherwise starts one on port base 7200 and stops
 * it at the end. For each route, alternating rounds of autocannon on the stack and on the floor (an
 * express + pg child process doing only the route's database work); CPU per request of every process
 * from /proc; the gateway's own latency; the ledger's lag behind charges at half their maximum rate;
 * idle CPU; RSS; start-up time. Ends with the targets, pass or fail, and writes everything as JSON.
 *
 *   pnpm bench                                     # 10 s per measurement, 10 connections, 3 rounds
 *   pnpm bench --seconds 3 --rounds 1 --only charges.create,refunds.create
 *   pnpm bench --startup-only
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { newAccount, withEdgeDatabase } from '../infra/src/accounts';
import { setAccountRateLimits } from '../rest-edge/src/db/accounts';
import { ROOT } from '../infra/src/topology';
import { startFloor, type Floor } from './floor';
import { load, percentile, stopCurrentLoad } from './load';
import { CLK_TCK, cpuMsBetween, cpuSnapshot, POSTGRES, rssMiB, type Proc } from './proc';
import { edgeRetrieveLatency, gatewayOverhead, invoicePayLatency, Ledger, ledgerLag, lagStages, seedStack, WebhookReceiver } from './probes';
import { cpuColumns, cpuTable, judge, printRoutes, round, section, summarizeRoutes, type Measurement, type Side, type Target as Goal } from './report';
import { ROUTES, selectRoutes, type Route, type Seeds } from './routes';
import { acquireStack, assertLoopback, isReady, OWN_PORT_BASE, startOwnStack, type Startup, type Target } from './target';

/**
 * A stack the bench has just started is still finishing its start-up for a minute or so: V8's memory
 * reducer runs its full GCs, and each periodic task's first run compiles its Prisma query (profiled:
 * ~200 ms of GC and ~80 ms of query compilation in the charge service between 40 and 80 s after
 * start). Sampled 5 s after ready, that read 6-7 % of a core on a stack whose steady state is 3.4 %;
 * so a stack started here is left quiet for 75 s (past the first run of the 60 s tasks) first.
 */
const IDLE_QUIET_MS = 5_000;
const IDLE_QUIET_AFTER_START_MS = 75_000;
const IDLE_SAMPLE_MS = 20_000;
const RSS_TARGET_MIB = 1536;

const ms1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : String(v));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const note = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

function bounded(name: string, min: number, max: number) {
  return (raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

const program = new Command()
  .name('bench')
  .description('Load on the REST edge of a stack beside a floor process doing only the database work; loopback only.')
  .option('--url <url>', 'a running stack to use if its /ready answers 200', 'http://127.0.0.1:4000')
  .option('--seconds <n>', 'seconds per measurement', bounded('--seconds', 1, 600), 10)
  .option('--connections <n>', 'autocannon connections', bounded('--connections', 1, 1000), 10)
  .option('--rounds <n>', 'alternating stack/floor rounds', bounded('--rounds', 1, 20), 3)
  .option('--only <routes>', `comma-separated routes: ${ROUTES.map((r) => r.name).join(', ')}`)
  .option('--json <file>', 'where to write the results as JSON (default .run/bench/bench-<time>.json)')
  .option('--startup-only', `start a stack on port base ${OWN_PORT_BASE}, print its time to ready, stop it`)
  .parse();

const opts = program.opts<{ url: string; seconds: number; connections: number; rounds: number; only?: string; json?: string; startupOnly?: boolean }>();

// ---------------------------------------------------------------------------------------------
// Stopping what we started, however the run ends

const cleanups: { name: string; fn: () => Promise<void> }[] = [];
let interrupted = false;

async function cleanup(): Promise<void> {
  while (cleanups.length) {
    const { name, fn } = cleanups.pop()!;
    note(`stopping ${name}`);
    await fn().catch((err: unknown) => note(`stopping ${name} failed: ${String(err)}`));
  }
}

// Ctrl-C reaches the tsx wrapper too, which relays it: a repeat within 2 s is that echo, not a second
// Ctrl-C. Forced or not, the stack's processes and the floor stop themselves once this process is gone.
let interruptedAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      if (performance.now() - interruptedAt > 2_000) process.exit(130);
      return;
    }
    interrupted = true;
    interruptedAt = performance.now();
    note(`${signal}: stopping what the bench started (Ctrl-C again to force)`);
    stopCurrentLoad();
    void cleanup().finally(() => process.exit(130));
  });
}

function checkInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

// ---------------------------------------------------------------------------------------------

function printStartup(startup: Startup | null): void {
  section('start-up (infrastructure ready → stack ready)');
  if (!startup) return out('(not measured: the stack logged no infrastructure or ready line)');
  out(
    `${Math.round(startup.infraToReadyMs)} ms from infrastructure ready (Kafka up, databases migrated) to the edge's /ready 200` +
      (startup.buildMs !== null ? `: ${Math.round(startup.buildMs)} ms compiling to dist/main.js, then ${Math.round(startup.processesMs)} ms for the 9 processes to be ready` : ''),
  );
}

async function startupOnly(): Promise<void> {
  const ownUrl = `http://127.0.0.1:${OWN_PORT_BASE}`;
  if (await isReady(ownUrl)) throw new Error(`a stack already answers at ${ownUrl}; not starting another on that port base`);
  const began = performance.now();
  const { handle, startup } = await startOwnStack(note);
  cleanups.push({ name: `the stack on port base ${OWN_PORT_BASE}`, fn: () => handle.stop() });
  out(`startStack() returned after ${Math.round(performance.now() - began)} ms in all`);
  printStartup(startup);
}

/** Wait (0.5–5 s) for the stack to be quiet again after a measurement: outbox relays, consumers. */
async function settle(procs: Proc[]): Promise<void> {
  await sleep(500);
  const until = performance.now() + 4_500;
  while (performance.now() < until) {
    const before = cpuSnapshot(procs, false);
    await sleep(250);
    const ms = [...cpuMsBetween(before, cpuSnapshot(procs, false)).values()].reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    if (ms / 250 < 0.15) return;
  }
}

function cpuPercent(procs: Proc[], before: Map<string, number>, after: Map<string, number>, ms: number): Record<string, number> {
  const delta = cpuMsBetween(before, after);
  return Object.fromEntries([...procs.map((p) => p.name), POSTGRES].map((name) => [name, round(((delta.get(name) ?? NaN) / ms) * 100, 2)]));
}

function rssOf(procs: Proc[]): Record<string, number> {
  return Object.fromEntries(procs.map((p) => [p.name, round(rssMiB(p.pid), 1)]));
}
const sum = (values: number[]) => values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);

/** Processes that went or changed during the run (a broker shared with other stacks may be restarted by them). */
const processChanges: string[] = [];
function refresh(target: Target, when: string): void {
  for (const change of target.refresh()) {
    processChanges.push(`${change} (${when})`);
    note(`!! process changed: ${change} (seen ${when})`);
  }
}

async function measure(target: Target, floor: Floor, route: Route, side: Side, seeds: Record<Side, Seeds>, key: string, roundNo: number): Promise<Measurement> {
  const procs = side === 'stack' ? target.procs : [{ name: 'floor', pid: floor.pid }];
  const url = side === 'stack' ? target.edgeUrl : floor.url;
  const before = cpuSnapshot(procs);
  const result = await load({ url, request: route.request(seeds[side]), key, connections: opts.connections, seconds: opts.seconds });
  const cpu = cpuMsBetween(before, cpuSnapshot(procs));
  const cpuMsPerRequest = Object.fromEntries([...cpu].map(([name, ms]) => [name, result.requests ? ms / result.requests : NaN]));
  out(
    `round ${roundNo}/${opts.rounds} ${route.name.padEnd(22)} ${side}: ${String(Math.round(result.reqPerSec)).padStart(5)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `${result.requests} responses${result.non2xx ? `, ${result.non2xx} NON-2XX` : ''}${result.errors ? `, ${result.errors} ERRORS` : ''}, ${round(sum(Object.values(cpuMsPerRequest)), 2)} CPU ms/req`,
  );
  if (!interrupted && procs.some((p) => !Number.isFinite(cpu.get(p.name) ?? NaN))) note(`!! a process of the ${side} is gone: ${procs.map((p) => `${p.name}=${cpu.get(p.name)}`).join(' ')}`);
  return { route: route.name, side, round: roundNo, result, cpuMsPerRequest };
}

async function benchmark(): Promise<void> {
  const routes = selectRoutes(opts.only);
  const startedAt = new Date();
  const target = await acquireStack(opts.url, note);
  if (target.startedHere) cleanups.push({ name: `the stack on port base ${OWN_PORT_BASE}`, fn: () => target.stop() });
  checkInterrupted();

  section('stack under test');
  out(`edge ${target.edgeUrl} (${target.startedHere ? `started by the bench on port base ${OWN_PORT_BASE}` : 'already running'}); CPU clock ${CLK_TCK} ticks/s`);
  out(`processes: ${target.procs.map((p) => `${p.name}=${p.pid}`).join(' ')}`);
  const nodeCount = target.procs.filter((p) => p.name !== 'kafka').length;
  if (nodeCount !== 9) note(`!! found ${nodeCount} of the 9 node processes of this stack (by entry path and PORT)`);
  if (!target.procs.some((p) => p.name === 'kafka')) note('!! no Kafka JVM found');
  out(`${POSTGRES} = every postgres process on this machine, other databases' backends (other stacks, tests) included; the Kafka broker may be shared with other stacks too`);
  if (target.startedHere) printStartup(target.startup);

  // Idle, before any load.
  const quietMs = target.startedHere ? IDLE_QUIET_AFTER_START_MS : IDLE_QUIET_MS;
  section(`idle CPU (${quietMs / 1000} s quiet${target.startedHere ? ' after start-up' : ''}, then ${IDLE_SAMPLE_MS / 1000} s sampled), % of one core`);
  await sleep(quietMs);
  checkInterrupted();
  refresh(target, 'before the idle sample');
  const idleBefore = cpuSnapshot(target.procs);
  await sleep(IDLE_SAMPLE_MS);
  const idle = cpuPercent(target.procs, idleBefore, cpuSnapshot(target.procs), IDLE_SAMPLE_MS);
  const idleTotal = round(sum(Object.values(idle)), 2);
  const idleWithoutPg = round(idleTotal - (idle[POSTGRES] ?? 0), 2);
  console.table({ '% of one core': { ...idle, total: idleTotal } });
  checkInterrupted();

  const rssBefore = rssOf(target.procs);

  // The account, the seeds, the floor.
  process.env.EDGE_DATABASE_URL ??= target.edgeDatabaseUrl; // newAccount writes where the edge reads
  const account = await newAccount('bench');
  // The benchmark measures throughput, not the edge's per-key limits (1000 and 100 a minute by default).
  await withEdgeDatabase((prisma) => setAccountRateLimits(prisma, account.id, { perMinute: 1_000_000_000, paymentsPerMinute: 1_000_000_000 }));
  note(`bench account ${account.id}`);
  const ledger = await Ledger.open(target.balanceDatabaseUrl, account.id);
  cleanups.push({ name: 'the ledger connection', fn: () => ledger.close() });
  const stackSeeds = await seedStack(target.edgeUrl, account.secret_key, ledger, routes.some((r) => r.name === 'refunds.create'), note);
  const floor = await startFloor(account.id);
  cleanups.push({ name: `the floor process (pid ${floor.pid})`, fn: () => floor.stop() });
  const seeds: Record<Side, Seeds> = { stack: stackSeeds, floor: { customerId: floor.customerId, chargeId: floor.chargeId } };
  note(`floor ${floor.url} pid ${floor.pid}; seeds: stack ${JSON.stringify(stackSeeds)}, floor ${JSON.stringify(seeds.floor)}`);

  // Rounds: stack then floor in odd rounds, floor then stack in even ones.
  section(`rounds: ${routes.length} route(s) × ${opts.rounds} round(s) × ${opts.seconds} s × ${opts.connections} connections`);
  const measurements: Measurement[] = [];
  for (let r = 1; r <= opts.rounds; r += 1) {
    for (const route of routes) {
      for (const side of (r % 2 ? ['stack', 'floor'] : ['floor', 'stack']) as Side[]) {
        checkInterrupted();
        refresh(target, `before round ${r} ${route.name} ${side}`);
        await settle(side === 'stack' ? target.procs : [{ name: 'floor', pid: floor.pid }]);
        measurements.push(await measure(target, floor, route, side, seeds, account.secret_key, r));
      }
    }
  }
  const summaries = summarizeRoutes(measurements, routes);
  printRoutes(summaries, opts.rounds);

  section('CPU ms per request, per process (median over rounds)');
  const columns = cpuColumns(measurements);
  const cpu = cpuTable(measurements, routes, columns);
  console.table(cpu, [...columns, 'total']);
  out(`(${POSTGRES}: all of PostgreSQL, other databases included; a stack row's total is the stack's processes + ${POSTGRES}, a floor row's the floor + ${POSTGRES})`);

  // Ledger lag at half the measured maximum charge rate.
  section('ledger lag at half the maximum charge rate');
  const chargeMax = summaries.find((s) => s.route === 'charges.create')?.stack.reqPerSec;
  let lag: Awaited<ReturnType<typeof ledgerLag>> | null = null;
  let stages: Awaited<ReturnType<typeof lagStages>> | null = null;
  if (chargeMax === undefined || !Number.isFinite(chargeMax)) out('(not measured: charges.create is not among the routes)');
  else {
    checkInterrupted();
    refresh(target, 'before the ledger lag');
    await settle(target.procs);
    const webhooks = await WebhookReceiver.start(target.edgeUrl, account.secret_key);
    cleanups.push({ name: 'the webhook receiver', fn: () => webhooks.close() });
    lag = await ledgerLag({ edgeUrl: target.edgeUrl, key: account.secret_key, ledger, rate: Math.max(1, Math.round(chargeMax / 2)), seconds: opts.seconds, connections: opts.connections, webhooks });
    const l = lag.lagsMs;
    const w = lag.webhook?.delaysMs ?? [];
    out(
      `load: ${lag.rate} charges/s asked (half of ${Math.round(chargeMax)}), ${Math.round(lag.load.reqPerSec)} req/s done, p50 ${lag.load.p50} ms, p99 ${lag.load.p99} ms, ` +
        `${lag.load.non2xx} non-2xx, ${lag.load.errors} errors${lag.load.firstError ? ` (first: ${lag.load.firstError})` : ''}`,
    );
    out(
      `probe: ${l.length} charges, one at a time, response → balance transaction visible in ${target.balanceDatabaseUrl.replace(/^.*\//, '')} (polled every 2 ms): ` +
        (l.length ? `p50 ${ms1(percentile(l, 0.5))} ms, p99 ${ms1(percentile(l, 0.99))} ms, max ${ms1(Math.max(...l))} ms` : 'no sample') +
        `${lag.unbooked ? `; ${lag.unbooked} NOT BOOKED within 30 s` : ''}${lag.probeErrors ? `; ${lag.probeErrors} probe errors (first: ${lag.firstProbeError})` : ''}`,
    );
    out(
      `webhook: the same charges, response → charge.succeeded POSTed to a loopback endpoint (while every load charge's webhook is delivered too): ` +
        (w.length ? `p50 ${ms1(percentile(w, 0.5))} ms, p99 ${ms1(percentile(w, 0.99))} ms, max ${ms1(Math.max(...w))} ms` : 'no sample') +
        `${lag.webhook?.missing ? `; ${lag.webhook.missing} NOT DELIVERED within 30 s` : ''}`,
    );
    stages = await lagStages(target.chargeDatabaseUrl, target.balanceDatabaseUrl, lag.chargeIds);
    const stage = (xs: number[]) => (xs.length ? `p50 ${ms1(percentile(xs, 0.5))} ms, p99 ${ms1(percentile(xs, 0.99))} ms, max ${ms1(Math.max(...xs))} ms` : 'no sample');
    out(`stages (database clock): outbox row → published (relay, acks=-1): ${stage(stages.relayMs)}; published → consumed (balance consumer): ${stage(stages.consumerMs)}`);
  }

  // One at a time: the gateway's own cost, and the whole stack for one read.
  section('one connection, one request at a time');
  checkInterrupted();
  refresh(target, 'before the one-connection probes');
  await settle(target.procs);
  const overhead = await gatewayOverhead({ ports: target.ports, contextSecret: target.contextSecret, account: account.id, customerId: stackSeeds.customerId, seconds: opts.seconds });
  out(
    `customer(id:) p50: ${round(overhead.subgraphP50, 2)} ms straight to the customer subgraph, ${round(overhead.gatewayP50, 2)} ms through the gateway → ` +
      `gateway overhead ${round(overhead.overheadP50, 2)} ms (${overhead.samples} pairs${overhead.errors ? `, ${overhead.errors} ERRORS, first: ${overhead.firstError}` : ''})`,
  );
  checkInterrupted();
  const retrieve = await edgeRetrieveLatency({ edgeUrl: target.edgeUrl, key: account.secret_key, customerId: stackSeeds.customerId, seconds: opts.seconds });
  out(
    `GET /v1/customers/:id through the edge: p50 ${round(retrieve.p50, 2)} ms, p99 ${round(retrieve.p99, 2)} ms (${retrieve.samples} requests` +
      `${retrieve.non2xx ? `, ${retrieve.non2xx} NON-2XX, first: ${retrieve.firstError}` : ''})`,
  );

  checkInterrupted();
  const invoicePay = await invoicePayLatency({ edgeUrl: target.edgeUrl, key: account.secret_key, samples: Math.min(100, Math.max(10, opts.seconds * 5)) });
  out(
    `POST /v1/invoices/:id/pay through the edge (a fresh open invoice each, default payment method pm_card_visa): p50 ${round(invoicePay.p50, 2)} ms, p99 ${round(invoicePay.p99, 2)} ms (${invoicePay.samples} payments` +
      `${invoicePay.non2xx ? `, ${invoicePay.non2xx} NOT PAID, first: ${invoicePay.firstError}` : ''})`,
  );

  // Memory.
  section('RSS of the stack (9 node processes + the Kafka JVM), MiB');
  refresh(target, 'at the end');
  const rssAfter = rssOf(target.procs);
  const rssBeforeTotal = round(sum(Object.values(rssBefore)), 1);
  const rssAfterTotal = round(sum(Object.values(rssAfter)), 1);
  console.table({ before: { ...rssBefore, total: rssBeforeTotal }, after: { ...rssAfter, total: rssAfterTotal } });

  // Targets.
  const stackFailures = sum(summaries.map((s) => s.stack.non2xx + s.stack.errors)) + (lag ? lag.load.non2xx + lag.load.errors + lag.probeErrors : 0);
  const lagP99 = lag && lag.lagsMs.length ? percentile(lag.lagsMs, 0.99) : null;
  const goals: Goal[] = [
    judge('every stack request (rounds, ledger load) answered 2xx', measurements.length ? stackFailures : null, (v) => v === 0, (v) => (v ? `${v} non-2xx/errors` : 'all 2xx')),
    retrieve.non2xx
      ? { target: 'GET /v1/customers/:id p50, 1 connection ≤ 5 ms', measured: `${retrieve.non2xx} non-2xx of ${retrieve.samples}`, result: 'FAIL' }
      : judge('GET /v1/customers/:id p50, 1 connection ≤ 5 ms', retrieve.p50, (v) => v <= 5, (v) => `${round(v, 2)} ms`),
    lag?.unbooked
      ? { target: 'ledger lag p99 at half the max charge rate ≤ 100 ms', measured: `${lag.unbooked} charge(s) not booked within 30 s`, result: 'FAIL' }
      : judge('ledger lag p99 at half the max charge rate ≤ 100 ms', lagP99, (v) => v <= 100, (v) => `${ms1(v)} ms`),
    judge('idle CPU of the stack < 5% of one core', idleTotal, (v) => v < 5, (v) => `${v}% (${idleWithoutPg}% node + kafka, ${idle[POSTGRES]}% ${POSTGRES})`),
    judge('stack RSS after the benchmark ≤ 1.5 GiB', rssAfterTotal, (v) => v <= RSS_TARGET_MIB, (v) => `${v} MiB (${rssBeforeTotal} before)`),
    { target: 'POST /v1/invoices/:id/pay p50, 1 connection', measured: invoicePay.non2xx ? `${invoicePay.non2xx} not paid of ${invoicePay.samples}` : `${round(invoicePay.p50, 2)} ms`, result: invoicePay.non2xx ? 'FAIL' : 'info' },
    { target: 'gateway overhead, customer(id:) p50', measured: `${round(overhead.overheadP50, 2)} ms (${round(overhead.subgraphP50, 2)} → ${round(overhead.gatewayP50, 2)})`, result: 'info' },
    ...summaries.map((s): Goal => ({ target: `${s.label}: stack/floor req/s`, measured: `${round(s.ratio, 3)} (${Math.round(s.stack.reqPerSec)} / ${Math.round(s.floor.reqPerSec)})`, result: 'info' })),
    ...(processChanges.length ? [{ target: 'processes stable during the run', measured: processChanges.join('; '), result: 'FAIL' as const }] : []),
    ...(target.startup ? [{ target: 'start-up, infrastructure ready → stack ready', measured: `${Math.round(target.startup.infraToReadyMs)} ms`, result: 'info' as const }] : []),
  ];
  section('summary');
  console.table(Object.fromEntries(goals.map((g) => [g.target, { measured: g.measured, result: g.result }])));

  const file = path.resolve(opts.json ?? path.join(ROOT, '.run', 'bench', `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt,
        options: opts,
        stack: { edgeUrl: target.edgeUrl, startedHere: target.startedHere, processes: target.procs, startup: target.startup },
        idleCpuPercent: { ...idle, total: idleTotal },
        rssMiB: { before: rssBefore, after: rssAfter, beforeTotal: rssBeforeTotal, afterTotal: rssAfterTotal },
        routes: summaries,
        cpuMsPerRequest: cpu,
        measurements,
        ledgerLag: lag && { rate: lag.rate, load: lag.load, p50: percentile(lag.lagsMs, 0.5), p99: lagP99, max: lag.lagsMs.length ? Math.max(...lag.lagsMs) : null, samplesMs: lag.lagsMs, unbooked: lag.unbooked, probeErrors: lag.probeErrors, webhook: lag.webhook, stages },
        gatewayOverhead: overhead,
        retrieveOneConnection: retrieve,
        invoicePayOneConnection: invoicePay,
        processChanges,
        goals,
      },
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    )}\n`,
  );
  out(`\nresults written to ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  assertLoopback(opts.url);
  try {
    if (opts.startupOnly) await startupOnly();
    else await benchmark();
  } finally {
    if (!interrupted) await cleanup();
  }
}

// After an interrupt the signal handler stops what we started and exits.
main().then(
  () => {
    if (!interrupted) process.exit(0);
  },
  (err: unknown) => {
    if (interrupted) return;
    console.error(err);
    process.exit(1);
  },
);
