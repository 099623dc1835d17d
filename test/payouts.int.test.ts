import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import Stripe from 'stripe';
import { signAccountContext } from '../services/chassis/src/account-context';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { createTestAccount, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

/**
 * Payouts through the official SDK: funds reserved on the balance synchronously (never more than is
 * available, even 20 at once), moved along their schedule with an injected clock (advancePayouts),
 * canceled, failed by Stripe's failing test bank accounts, reversed — and the reservation protocol
 * surviving a SIGKILL of the payout service between its steps.
 */
const usd = (balance: Stripe.Balance, kind: 'available' | 'pending') => balance[kind].find((b) => b.currency === 'usd')?.amount ?? 0;
const available = async (a: TestAccount) => usd(await a.stripe.balance.retrieve(), 'available');

/** Funds straight to available (4000000000000077), booked by the ledger before returning. */
async function fund(a: TestAccount, amount: number): Promise<void> {
  const charge = await a.stripe.charges.create({ amount, currency: 'usd', source: 'tok_bypassPending' });
  await eventually(async () => (await a.stripe.balanceTransactions.list({ source: charge.id })).data[0], 45_000, `ledger entry of ${charge.id}`);
}

/** The test clock: moves the account's payouts along as of `now`. */
async function advancePayouts(a: TestAccount, now: number): Promise<number> {
  const res = await graph(a.secretKey, 'mutation($now: Int) { advancePayouts(now: $now) }', { now });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.advancePayouts as number;
}

const entriesOf = async (a: TestAccount, payout: string) => (await a.stripe.balanceTransactions.list({ payout, limit: 100 })).data;

describe('payouts through the official stripe SDK', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('payouts');
    await fund(a, 100_000);
  });

  it('a payout within the available balance is pending, shaped like Stripe’s, and takes its amount from available', async () => {
    const before = await available(a);
    const payout = await a.stripe.payouts.create({ amount: 5_000, currency: 'usd', description: 'Weekly', metadata: { batch: '7' }, statement_descriptor: 'PAYGATE PAYOUT' });
    expect(payout).toMatchObject({
      object: 'payout', amount: 5_000, currency: 'usd', status: 'pending', method: 'standard', type: 'bank_account', automatic: false,
      source_type: 'card', reconciliation_status: 'not_applicable', description: 'Weekly', metadata: { batch: '7' }, statement_descriptor: 'PAYGATE PAYOUT',
      failure_balance_transaction: null, failure_code: null, original_payout: null, reversed_by: null, livemode: false,
    });
    expect(payout.id).toMatch(/^po_/);
    expect(payout.destination).toMatch(/^ba_/);
    expect(payout.balance_transaction).toMatch(/^txn_/);
    expect(payout.arrival_date).toBeGreaterThan(payout.created);
    expectStripeShape(payout, 'payout');
    expect(await available(a)).toBe(before - 5_000);

    const expanded = await a.stripe.payouts.retrieve(payout.id, { expand: ['balance_transaction', 'destination'] });
    expect(expanded.balance_transaction).toMatchObject({ id: payout.balance_transaction, type: 'payout', amount: -5_000, fee: 0, net: -5_000, reporting_category: 'payout', source: payout.id, status: 'available' });
    expect(expanded.destination).toMatchObject({ id: payout.destination, object: 'bank_account', last4: '6789', routing_number: '110000000', bank_name: 'STRIPE TEST BANK', currency: 'usd', default_for_currency: true });
    expect((await entriesOf(a, payout.id)).map((t) => t.id)).toEqual([payout.balance_transaction]);

    const updated = await a.stripe.payouts.update(payout.id, { metadata: { batch: '', note: 'x' } });
    expect(updated.metadata).toEqual({ note: 'x' });
  });

  it('a payout above the available balance is balance_insufficient and never appears', async () => {
    const before = await available(a);
    const err = await a.stripe.payouts.create({ amount: before + 1, currency: 'usd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 400, code: 'balance_insufficient' });
    expect(await available(a)).toBe(before);
    const listed = await a.stripe.payouts.list({ limit: 100 });
    expect(listed.data.every((p) => p.amount !== before + 1)).toBe(true);
  });

  it('20 concurrent payouts never make available negative: each succeeds or is balance_insufficient', async () => {
    const b = await createTestAccount('payouts concurrency');
    await fund(b, 10_000); // 9680 available
    const start = await available(b);
    const amount = 1_000;
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => b.stripe.payouts.create({ amount, currency: 'usd' }).then((p) => p, (e: unknown) => e)));
    const created = outcomes.filter((o): o is Stripe.Payout => (o as Stripe.Payout).object === 'payout');
    const refused = outcomes.filter((o) => o instanceof Stripe.errors.StripeError);
    expect(refused.every((e) => (e as Stripe.errors.StripeError).code === 'balance_insufficient')).toBe(true);
    expect(created.length + refused.length).toBe(20);
    expect(created.length).toBe(Math.floor(start / amount));
    const after = await available(b);
    expect(after).toBe(start - created.length * amount);
    expect(after).toBeGreaterThanOrEqual(0);
    expect((await b.stripe.payouts.list({ limit: 100 })).data).toHaveLength(created.length);
  });

  it('a pending payout canceled returns its funds (payout_cancel); only pending ones can be canceled', async () => {
    const before = await available(a);
    const payout = await a.stripe.payouts.create({ amount: 2_000, currency: 'usd' });
    const canceled = await a.stripe.payouts.cancel(payout.id);
    expect(canceled).toMatchObject({ id: payout.id, status: 'canceled' });
    expect(canceled.failure_balance_transaction).toMatch(/^txn_/);
    const back = await eventually(async () => (await entriesOf(a, payout.id)).find((t) => t.type === 'payout_cancel'), 20_000, 'payout_cancel entry');
    expect(back).toMatchObject({ id: canceled.failure_balance_transaction, amount: 2_000, net: 2_000, fee: 0, reporting_category: 'payout_reversal', status: 'available' });
    expect(await available(a)).toBe(before);
    await expect(a.stripe.payouts.cancel(payout.id)).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
  });

  it('moves along its schedule with the injected clock: in_transit, then paid at arrival_date; then it can be reversed', async () => {
    const payout = await a.stripe.payouts.create({ amount: 3_000, currency: 'usd' });
    await expect(a.stripe.payouts.reverse(payout.id)).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/cancel/) });
    expect(await advancePayouts(a, payout.created + 3_600)).toBeGreaterThanOrEqual(1);
    expect(await a.stripe.payouts.retrieve(payout.id)).toMatchObject({ status: 'in_transit' });
    await expect(a.stripe.payouts.cancel(payout.id)).rejects.toMatchObject({ statusCode: 400 });
    await advancePayouts(a, payout.arrival_date);
    expect(await a.stripe.payouts.retrieve(payout.id)).toMatchObject({ status: 'paid', failure_code: null });

    const before = await available(a);
    const reversal = await a.stripe.payouts.reverse(payout.id, { metadata: { why: 'test' } });
    expect(reversal).toMatchObject({ object: 'payout', amount: -3_000, status: 'pending', original_payout: payout.id, reversed_by: null, destination: payout.destination, metadata: { why: 'test' } });
    expectStripeShape(reversal, 'payout');
    expect(await a.stripe.payouts.retrieve(payout.id)).toMatchObject({ reversed_by: reversal.id });
    await expect(a.stripe.payouts.reverse(payout.id)).rejects.toMatchObject({ statusCode: 400 });
    await advancePayouts(a, reversal.arrival_date);
    expect(await a.stripe.payouts.retrieve(reversal.id, { expand: ['original_payout'] })).toMatchObject({ status: 'paid', original_payout: { id: payout.id, reversed_by: reversal.id } });
    const credit = await eventually(async () => (await entriesOf(a, reversal.id))[0], 20_000, 'reversal credit');
    expect(credit).toMatchObject({ id: reversal.balance_transaction, type: 'payout', amount: 3_000 });
    expect(await available(a)).toBe(before + 3_000);
  });

  it('a payout to 000111111116 fails with no_account after it is sent, and its funds come back (payout_failure)', async () => {
    const bank = await a.stripe.accounts.createExternalAccount(a.id, {
      external_account: { object: 'bank_account', country: 'US', currency: 'usd', routing_number: '110000000', account_number: '000111111116' },
    });
    expect(bank).toMatchObject({ object: 'bank_account', last4: '1116', country: 'US', currency: 'usd', default_for_currency: false, status: 'new' });
    expect(JSON.stringify(bank)).not.toContain('000111111116');
    const listed = await a.stripe.accounts.listExternalAccounts(a.id);
    expect(listed.data.map((x) => x.id)).toEqual(expect.arrayContaining([bank.id]));
    expect(listed.data.filter((x) => (x as Stripe.BankAccount).default_for_currency)).toHaveLength(1);

    const before = await available(a);
    const payout = await a.stripe.payouts.create({ amount: 1_500, currency: 'usd', destination: bank.id });
    expect(payout.destination).toBe(bank.id);
    expect(await available(a)).toBe(before - 1_500);
    await advancePayouts(a, payout.arrival_date);
    const failed = await a.stripe.payouts.retrieve(payout.id);
    expect(failed).toMatchObject({ status: 'failed', failure_code: 'no_account', failure_message: expect.stringMatching(/No bank account/) });
    expect(failed.failure_balance_transaction).toMatch(/^txn_/);
    const back = await eventually(async () => (await entriesOf(a, payout.id)).find((t) => t.type === 'payout_failure'), 20_000, 'payout_failure entry');
    expect(back).toMatchObject({ id: failed.failure_balance_transaction, amount: 1_500, reporting_category: 'payout_reversal' });
    expect(await a.stripe.payouts.retrieve(payout.id, { expand: ['failure_balance_transaction'] })).toMatchObject({ failure_balance_transaction: { id: back.id, amount: 1_500 } });
    expect(await available(a)).toBe(before);
  });

  it('lists payouts newest first, filtered by status and created', async () => {
    const all = await a.stripe.payouts.list({ limit: 100 });
    expect(all.data.length).toBeGreaterThanOrEqual(5);
    const seqs = all.data.map((p) => p.created);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    const first = await a.stripe.payouts.create({ amount: 100, currency: 'usd' });
    const second = await a.stripe.payouts.create({ amount: 101, currency: 'usd' });
    expect((await a.stripe.payouts.list({ limit: 2 })).data.map((p) => p.id)).toEqual([second.id, first.id]);
    const canceled = await a.stripe.payouts.list({ status: 'canceled', limit: 100 });
    expect(canceled.data.length).toBeGreaterThanOrEqual(1);
    expect(canceled.data.every((p) => p.status === 'canceled')).toBe(true);
    expect((await a.stripe.payouts.list({ created: { gt: second.created + 10 } })).data).toEqual([]);
    const page = await a.stripe.payouts.list({ limit: 1, starting_after: second.id });
    expect(page.data[0]!.id).toBe(first.id);
  });

  it('an Idempotency-Key retry returns the same payout and reserves once', async () => {
    const before = await available(a);
    const key = `payout-${Date.now()}`;
    const one = await a.stripe.payouts.create({ amount: 700, currency: 'usd' }, { idempotencyKey: key });
    const two = await a.stripe.payouts.create({ amount: 700, currency: 'usd' }, { idempotencyKey: key });
    expect(two.id).toBe(one.id);
    expect(await available(a)).toBe(before - 700);
  });

  it('external accounts are the caller’s own only', async () => {
    await expect(a.stripe.accounts.listExternalAccounts('acct_0000000000000000')).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      a.stripe.accounts.createExternalAccount('acct_0000000000000000', { external_account: { object: 'bank_account', country: 'US', currency: 'usd', routing_number: '110000000', account_number: '000123456789' } }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(a.stripe.payouts.create({ amount: 100, currency: 'usd', destination: 'ba_doesnotexist' })).rejects.toMatchObject({ statusCode: 404, param: 'destination' });
  });
});

/** A payout service of our own, beside the stack's, on the same database and graph. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface PayoutProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  stop(): Promise<void>;
}

async function startPayoutProcess(extraEnv: Record<string, string>): Promise<PayoutProcess> {
  const port = await freePort();
  const serviceDir = path.join(__dirname, '..', 'services', 'payout');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(serviceDir, 'src', 'main.ts')], {
    cwd: serviceDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(serviceDatabase('payout')),
      KAFKA_BROKERS: process.env.PAYGATE_TEST_KAFKA_BROKERS!,
      GATEWAY_URL: process.env.PAYGATE_TEST_GATEWAY_URL!,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`payout process exited with ${child.exitCode}`);
    return fetch(`${url}/ready`).then((r) => (r.ok ? true : null), () => null);
  }, 60_000, 'payout process ready');
  return {
    url,
    child,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** createPayout straight to our process (as the gateway would), signed for the account's secret key. */
function createPayoutDirect(proc: PayoutProcess, account: string, amount: number) {
  return fetch(`${proc.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-paygate-account-context': signAccountContext(account, process.env.PAYGATE_CONTEXT_SECRET!) },
    body: JSON.stringify({ query: 'mutation($input: PayoutCreateInput!) { createPayout(input: $input) { id status } }', variables: { input: { amount, currency: 'usd' } } }),
  });
}

describe('the payout reservation protocol survives a SIGKILL between its steps', () => {
  let a: TestAccount;
  let db: Client;
  const restarted: PayoutProcess[] = [];
  beforeAll(async () => {
    a = await createTestAccount('payout crashes');
    await fund(a, 20_000); // 19360 available
    db = new Client({ connectionString: databaseUrl(serviceDatabase('payout')) });
    await db.connect();
  });
  afterAll(async () => {
    await Promise.all(restarted.map((p) => p.stop()));
    await db.end();
  });

  const rowsOf = async () => (await db.query<{ id: string; status: string; balance_transaction_id: string }>('SELECT id, status, balance_transaction_id FROM payouts WHERE account = $1 ORDER BY seq', [a.id])).rows;
  const createdEvents = async (id: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_events WHERE type = 'payout.created' AND payload->'data'->'object'->>'id' = $1`, [id])).rows[0]!.n);

  /** Dies at `point` while creating a payout of `amount`; returns the row it left behind. */
  async function crashWhileCreating(point: string, amount: number): Promise<{ id: string; status: string; balance_transaction_id: string }> {
    const known = new Set((await rowsOf()).map((r) => r.id));
    const doomed = await startPayoutProcess({ PAYGATE_TEST_CRASH_AT: point });
    await expect(createPayoutDirect(doomed, a.id, amount)).rejects.toThrow(); // the connection dies with the process
    expect(await doomed.exited).toBe('SIGKILL');
    const left = (await rowsOf()).filter((r) => !known.has(r.id));
    expect(left).toHaveLength(1);
    return left[0]!;
  }

  async function restart(): Promise<void> {
    if (restarted.length === 0) restarted.push(await startPayoutProcess({ PAYOUT_RESERVATION_SWEEP_MS: '250' }));
  }

  it('killed right after debitBalance: the debit stands, the payout is hidden, and the restarted service finishes it (one debit, one payout.created)', async () => {
    const before = await available(a);
    const row = await crashWhileCreating('after_debit', 1_200);
    expect(row.status).toBe('reserving');
    expect(await available(a)).toBe(before - 1_200); // step 2 committed in the balance service
    await expect(a.stripe.payouts.retrieve(row.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await createdEvents(row.id)).toBe(0);

    await restart();
    const payout = await eventually(async () => a.stripe.payouts.retrieve(row.id).catch(() => null), 30_000, 'the finished payout');
    expect(payout).toMatchObject({ status: 'pending', amount: 1_200, balance_transaction: row.balance_transaction_id });
    expect(await available(a)).toBe(before - 1_200);
    expect((await entriesOf(a, row.id)).filter((t) => t.type === 'payout')).toHaveLength(1);
    expect(await createdEvents(row.id)).toBe(1);
  });

  it('killed right after the reservation row: nothing is debited yet; the restarted service debits and finishes it', async () => {
    const before = await available(a);
    const row = await crashWhileCreating('after_reservation_row', 800);
    expect(row.status).toBe('reserving');
    expect(await available(a)).toBe(before);
    expect(await entriesOf(a, row.id)).toEqual([]);

    await restart();
    const payout = await eventually(async () => a.stripe.payouts.retrieve(row.id).catch(() => null), 30_000, 'the finished payout');
    expect(payout).toMatchObject({ status: 'pending', amount: 800 });
    expect(await available(a)).toBe(before - 800);
    expect(await createdEvents(row.id)).toBe(1);
  });

  it('killed before the debit of a payout the balance cannot cover: it is refused on recovery and never appears', async () => {
    const before = await available(a);
    const row = await crashWhileCreating('after_reservation_row', before + 1);
    await restart();
    await eventually(async () => ((await rowsOf()).find((r) => r.id === row.id)?.status === 'refused' ? true : null), 30_000, 'the refused reservation');
    await expect(a.stripe.payouts.retrieve(row.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await a.stripe.payouts.list({ limit: 100 })).data.map((p) => p.id)).not.toContain(row.id);
    expect(await available(a)).toBe(before);
    expect(await createdEvents(row.id)).toBe(0);
  });
});
