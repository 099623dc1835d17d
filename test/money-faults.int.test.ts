import Stripe from 'stripe';
import { withEdgeDatabase } from '../infra/src/accounts';
import { checkLedger } from '../infra/src/ledger-check';
import { setAccountRateLimits } from '../rest-edge/src/db/accounts';
import { control, createTestAccount, edge, eventually, type TestAccount } from './support/stack';

/**
 * Money invariants while processes die. Charges, partial and full refunds and payouts run
 * concurrently, every request sent twice with the same Idempotency-Key, while the test SIGKILLs
 * the charge, balance and payout services and the edge, and stops and restarts the Kafka broker
 * (through the test stack's loopback control door). Then the system settles and the ledger must be
 * exact. Bounded: a fixed number of rounds, each request retried at most for 150 s.
 */
const FAULTS: { name: string; down: string; up: string }[] = [
  { name: 'SIGKILL charge service', down: '/processes/charge/kill', up: '/processes/charge/start' },
  { name: 'SIGKILL balance service', down: '/processes/balance/kill', up: '/processes/balance/start' },
  { name: 'SIGKILL payout service', down: '/processes/payout/kill', up: '/processes/payout/start' },
  { name: 'SIGKILL edge', down: '/processes/rest-edge/kill', up: '/processes/rest-edge/start' },
  { name: 'stop and restart Kafka', down: '/kafka/stop', up: '/kafka/start' },
];

interface Sent {
  key: string;
  path: string;
  body: string;
  ids: string[];
  outcome: 'ok' | 'refused';
}

describe('money invariants under faults', () => {
  let a: TestAccount;
  let requests = 0;
  const sent: Sent[] = [];

  beforeAll(async () => {
    a = await createTestAccount('money faults');
    // Each request is retried every 250 ms while a process is down: far past 100 payments a minute, and a
    // 429 would end a request as refused. The limits have their own test (rate-limits.int.test.ts).
    await withEdgeDatabase((prisma) => setAccountRateLimits(prisma, a.id, { perMinute: 1_000_000, paymentsPerMinute: 1_000_000 }));
  });

  /**
   * POST with a key until a definitive answer: 2xx, or a 4xx that is not a conflict. Connection errors,
   * 5xx and 409 retry: a key claimed by an edge that was killed mid-request stays in progress for the
   * edge's 60 s lease, so the deadline is longer than that.
   */
  async function post(path: string, body: string, key: string): Promise<{ status: number; body: Record<string, any> }> {
    const deadline = Date.now() + 150_000;
    for (;;) {
      requests += 1;
      try {
        const res = await edge(a.secretKey).post(path).set('Idempotency-Key', key).type('form').send(body).timeout(35_000);
        if (res.status < 500 && res.status !== 409) return { status: res.status, body: res.body };
      } catch {
        // the edge (or what is behind it) is down: retry with the same key
      }
      if (Date.now() > deadline) throw new Error(`no definitive answer for ${path} ${key}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The same request twice at once, as a retrying client would: both answers must name one object. */
  async function twice(path: string, body: string, key: string): Promise<Sent> {
    const [first, second] = await Promise.all([post(path, body, key), post(path, body, key)]);
    const ids = [first, second].filter((r) => r.status === 200).map((r) => String(r.body.id));
    const record: Sent = { key, path, body, ids, outcome: ids.length ? 'ok' : 'refused' };
    sent.push(record);
    return record;
  }

  it('holds every invariant through kills of the charge, balance and payout services, the edge and Kafka', async () => {
    const began = Date.now();
    let minAvailable = Number.POSITIVE_INFINITY;
    let sampling = true;
    let settled: Awaited<ReturnType<typeof checkLedger>> | undefined;
    const sampler = (async () => {
      while (sampling) {
        try {
          const balance = await a.stripe.balance.retrieve();
          const usd = balance.available.find((b) => b.currency === 'usd')?.amount ?? 0;
          minAvailable = Math.min(minAvailable, usd);
        } catch {
          // the edge is down this moment
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();

    try {
    // Funds available at once, so payouts have something to draw on.
    const seedCharges: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const seed = await twice('/v1/charges', 'amount=20000&currency=usd&source=tok_bypassPending', `seed-${i}`);
      seedCharges.push(seed.ids[0]!);
    }
    await eventually(async () => ((await a.stripe.balance.retrieve()).available[0]?.amount ?? 0) > 0 || null, 30_000, 'seed funds');

    let round = 0;
    for (const fault of FAULTS) {
      round += 1;
      const charges = Array.from({ length: 6 }, (_, i) =>
        twice('/v1/payment_intents', `amount=${1000 + round * 10 + i}&currency=usd&payment_method=pm_card_bypassPending&confirm=true`, `r${round}-pi-${i}`),
      );
      const legacy = Array.from({ length: 3 }, (_, i) => twice('/v1/charges', `amount=${3000 + i}&currency=usd&source=tok_visa`, `r${round}-ch-${i}`));
      const seed = seedCharges[round % seedCharges.length]!;
      const refunds = [twice('/v1/refunds', `charge=${seed}&amount=700`, `r${round}-re-partial`)];
      const payouts = Array.from({ length: 2 }, (_, i) => twice('/v1/payouts', `amount=${1500 + i}&currency=usd`, `r${round}-po-${i}`));
      const work = Promise.all([...charges, ...legacy, ...refunds, ...payouts]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await control(fault.down);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await control(fault.up);
      const done = await work;
      // Full refunds of this round's legacy charges, after the fact.
      for (const c of done.slice(6, 9)) if (c.ids[0]) await twice('/v1/refunds', `charge=${c.ids[0]}`, `r${round}-re-full-${c.key}`);
    }

    // Settle: the ledger agrees with every producer, with nothing left in flight.
    settled = await eventually(
      async () => {
        const check = await checkLedger(a.id);
        return check.problems.length === 0 && check.counts.inFlight === 0 ? check : null;
      },
      120_000,
      'the ledger to agree with charges, refunds and payouts',
    );
    sampling = false;
    await sampler;

    // No idempotency key produced two objects.
    for (const s of sent) expect(new Set(s.ids).size).toBeLessThanOrEqual(1);
    const charges = await a.stripe.charges.list({ limit: 100 });
    const intents = await a.stripe.paymentIntents.list({ limit: 100 });
    expect(intents.data.length).toBe(sent.filter((s) => s.path === '/v1/payment_intents' && s.outcome === 'ok').length);

    // No charge refunded beyond its amount; every refund and payout has its entry.
    for (const charge of charges.data) expect(charge.amount_refunded).toBeLessThanOrEqual(charge.amount);
    const entries: Stripe.BalanceTransaction[] = [];
    for await (const entry of a.stripe.balanceTransactions.list({ limit: 100 })) entries.push(entry);
    for (const charge of charges.data.filter((c) => c.captured)) {
      expect(entries.filter((e) => e.type === 'charge' && e.source === charge.id)).toHaveLength(1);
    }

    // available + pending is the sum of the transactions.
    const balance = await a.stripe.balance.retrieve();
    const total = (balance.available.find((b) => b.currency === 'usd')?.amount ?? 0) + (balance.pending.find((b) => b.currency === 'usd')?.amount ?? 0);
    expect(total).toBe(entries.filter((e) => e.currency === 'usd').reduce((sum, e) => sum + e.net, 0));
    expect(minAvailable).toBeGreaterThanOrEqual(0);

    } finally {
      // Whatever failed, leave no loop running and every process up for the files after this one.
      sampling = false;
      await sampler;
      for (const fault of FAULTS) await control(fault.up).catch(() => undefined);
    }
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    process.stdout.write(
      `\n[money faults] ${FAULTS.length} fault rounds (${FAULTS.map((f) => f.name).join(', ')}), ${requests} HTTP requests, ` +
        `${sent.length} keyed operations, ${settled?.counts.entries} ledger entries, min available ${minAvailable}, ${seconds}s\n`,
    );
  }, 900_000);
});
