import Stripe from 'stripe';
import { withEdgeDatabase } from '../infra/src/accounts';
import { checkLedger } from '../infra/src/ledger-check';
import { SERVICE_NAMES } from '../infra/src/topology';
import { setAccountRateLimits } from '../rest-edge/src/db/accounts';
import { control, createTestAccount, edgeUrl, eventually } from './support/stack';

/**
 * A rolling restart under load, as an orchestrator does it: each process in turn gets SIGTERM, must
 * drain (finish what it holds, exit 0 within its bound) and is started again, while merchants keep
 * calling through the official SDK with its own retries on. No call may fail, none may be made
 * twice (each has its Idempotency-Key, reused by the SDK's retries), and the ledger must agree.
 */
const PROCESSES = ['rest-edge', 'gateway', ...SERVICE_NAMES];
const WORKERS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Exit {
  name: string;
  code: number | null;
  signal: string | null;
  ms: number;
}

describe('rolling restart under load', () => {
  it('restarting the edge, the gateway and every subgraph one after another loses and duplicates no call, and the ledger matches', async () => {
    const a = await createTestAccount('rolling restart');
    await withEdgeDatabase((prisma) => setAccountRateLimits(prisma, a.id, { perMinute: 1_000_000, paymentsPerMinute: 1_000_000 }));
    const url = new URL(edgeUrl());
    // As merchants run it: the SDK's own retries (connection errors, 409, 5xx, Stripe-Should-Retry).
    const stripe = new Stripe(a.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 12, telemetry: false, timeout: 40_000 });
    let attempts = 0;
    const statuses = new Map<number, number>();
    stripe.on('request', () => void (attempts += 1));
    stripe.on('response', (r: { status: number }) => void statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1));

    const done: { key: string; amount: number; id: string; status: string }[] = [];
    const failed: { key: string; error: string }[] = [];
    let reads = 0;
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i += 1) {
        const key = `rolling-${w}-${i}`;
        const amount = 1_000 + w * 100_000 + i;
        try {
          const pi = await stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }, { idempotencyKey: key });
          done.push({ key, amount, id: pi.id, status: pi.status });
          const again = await stripe.paymentIntents.retrieve(pi.id);
          expect(again.amount).toBe(amount);
          reads += 1;
        } catch (err) {
          failed.push({ key, error: `${(err as Error).name}: ${(err as Error).message}` });
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

    const exits: Exit[] = [];
    try {
      await sleep(1_500);
      for (const name of PROCESSES) {
        const exit = await control<Omit<Exit, 'name'>>(`/processes/${name}/terminate`);
        exits.push({ name, ...exit });
        await control(`/processes/${name}/start`);
        await sleep(750); // load on the restarted process before the next goes
      }
      await sleep(1_000);
    } finally {
      running = false;
      await Promise.all(workers);
    }

    const retries = attempts - done.length * 2 - failed.length;
    process.stdout.write(
      `[rolling restart] ${done.length} payments + ${reads} reads over ${PROCESSES.length} restarts; ${attempts} HTTP attempts, so ${retries} SDK retries; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${failed.length} failed calls; exits ${exits.map((e) => `${e.name} ${e.code ?? e.signal} in ${e.ms} ms`).join(', ')}\n`,
    );

    // Every process drained and exited 0 on SIGTERM, within the stack's grace (else it is SIGKILLed).
    expect(exits.filter((e) => e.code !== 0)).toEqual([]);
    // Every call ended with the right result.
    expect(failed).toEqual([]);
    expect(done.length).toBeGreaterThan(PROCESSES.length * 2);
    expect(done.filter((d) => d.status !== 'succeeded')).toEqual([]);
    // None made twice: one intent per call, and the account holds exactly those.
    expect(new Set(done.map((d) => d.id)).size).toBe(done.length);
    const listed = await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    expect(listed.map((p) => p.id).sort()).toEqual(done.map((d) => d.id).sort());
    const charges = await stripe.charges.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    expect(charges).toHaveLength(done.length);

    // The ledger agrees with the charges once the consumers (restarted too) have caught up.
    const check = await eventually(
      async () => {
        const c = await checkLedger(a.id);
        return c.problems.length === 0 && c.counts.inFlight === 0 ? c : null;
      },
      60_000,
      'the ledger to agree with the charges',
    );
    expect(check.problems).toEqual([]);
  }, 300_000);
});
