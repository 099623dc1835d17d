import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { newAccount } from '../infra/src/accounts';
import { webhookReceiver as receiver } from './support/webhook-receiver';
import { createTestAccount, edge, edgeUrl, eventually, type TestAccount } from './support/stack';

/**
 * The `paygate` CLI as a user runs it (`pnpm paygate …`, child processes) against the test stack:
 * listen prints and forwards, signed, what trigger makes; every trigger fixture produces its event;
 * keys roll revokes (at once or after a grace); accounts create and list. The CLI's state (its
 * signing secret) goes to a temporary PAYGATE_RUN_DIR, never the repository's .run.
 */
const ROOT = path.resolve(__dirname, '..');
const verifier = new Stripe('sk_test_verifier');
const children = new Set<ChildProcess>();
let runDir: string;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(): NodeJS.ProcessEnv {
  const { PAYGATE_API_KEY: _key, ...rest } = process.env;
  return { ...rest, PAYGATE_RUN_DIR: runDir, PAYGATE_API_BASE: edgeUrl(), FORCE_COLOR: '0' };
}

/** `pnpm -s paygate …` in its own process group (so the whole tree can be signalled), output collected. */
function start(args: string[]) {
  const child = spawn('pnpm', ['-s', 'paygate', ...args], { cwd: ROOT, env: env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const got = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (got.stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (got.stderr += c.toString('utf8')));
  const exited = new Promise<Ran>((resolve) =>
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, ...got });
    }),
  );
  return { child, got, exited };
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, sig);
  } catch {
    // already gone
  }
}

async function paygate(args: string[], timeoutMs = 90_000): Promise<Ran> {
  const { child, exited } = start(args);
  const timer = setTimeout(() => signal(child, 'SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The promise's value, or null if it takes longer than `ms` (the timer never outlives the test). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const accountStatus = async (key: string) => (await edge(key).get('/v1/account')).status;
const secretKeyIn = (stdout: string) => /"secret_key": "(sk_test_[0-9A-Za-z]+)"/.exec(stdout)?.[1];

describe('the paygate CLI', () => {
  let a: TestAccount;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let listener: ReturnType<typeof start>;
  let secret: string;

  beforeAll(async () => {
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paygate-cli-test-'));
    a = await createTestAccount('cli');
    hook = await receiver();
  });

  afterAll(async () => {
    for (const child of children) signal(child, 'SIGKILL');
    await hook?.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  });

  it('--help on every command, and a wrong command line exits 2 without a stack trace', async () => {
    const help = await paygate(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['listen', 'trigger', 'accounts', 'keys']) expect(help.stdout).toContain(command);
    const rollHelp = await paygate(['keys', 'roll', '--help']);
    expect(rollHelp).toMatchObject({ code: 0, stdout: expect.stringMatching(/--grace[\s\S]*key cache/) });
    const unknown = await paygate(['trigger', 'charge.exploded', '--api-key', a.secretKey]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unsupported event type 'charge\.exploded'[\s\S]*payment_intent\.succeeded[\s\S]*payout\.paid/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect((await paygate(['keys', 'roll', '--grace', 'soon', '--api-key', a.secretKey])).code).toBe(2);
    const refused = await paygate(['trigger', 'customer.created', '--api-key', 'sk_test_doesnotexist00000000']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Invalid API Key/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('listen --print-secret prints the whsec_ it keeps (mode 600 in PAYGATE_RUN_DIR), the same each time', async () => {
    const first = await paygate(['listen', '--print-secret']);
    expect(first.code).toBe(0);
    secret = first.stdout.trim();
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect((await paygate(['listen', '--print-secret'])).stdout.trim()).toBe(secret);
    const file = path.join(runDir, 'cli-webhook-secret');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('listen prints and forwards, signed, the payment_intent.succeeded that trigger makes', async () => {
    listener = start(['listen', '--forward-to', hook.url, '--api-key', a.secretKey, '--api-base', edgeUrl()]);
    await eventually(async () => (listener.got.stdout.includes('Ready!') ? true : null), 30_000, `listen to be ready (stderr: ${listener.got.stderr})`);
    expect(listener.got.stdout).toContain(`Ready! Your webhook signing secret is ${secret} (^C to quit)`);

    const triggered = await paygate(['trigger', 'payment_intent.succeeded', '--api-key', a.secretKey]);
    expect([triggered.code, triggered.stderr]).toEqual([0, expect.any(String)]);
    expect(triggered.stdout).toMatch(/Setting up fixture for: payment_intent[\s\S]*Running fixture for: payment_intent → pi_[0-9A-Za-z]+[\s\S]*Trigger succeeded!/);
    const intentId = /→ (pi_[0-9A-Za-z]+)/.exec(triggered.stdout)![1]!;

    const delivery = await eventually(
      async () => hook.received.find((r) => r.event.type === 'payment_intent.succeeded' && (r.event.data.object as { id: string }).id === intentId),
      20_000,
      'the forwarded payment_intent.succeeded',
    );
    const verified = verifier.webhooks.constructEvent(delivery.raw, delivery.headers['stripe-signature'] as string, secret);
    expect(verified).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'payment_intent.succeeded', account: a.id });
    expect(() => verifier.webhooks.constructEvent(delivery.raw, delivery.headers['stripe-signature'] as string, 'whsec_wrong')).toThrow();
    expect(delivery.headers['content-type']).toMatch(/^application\/json/);
    // The body is the event as the API shows it.
    expect({ ...verified, pending_webhooks: 0 }).toEqual({ ...(await a.stripe.events.retrieve(verified.id)), pending_webhooks: 0 });

    await eventually(async () => (listener.got.stdout.includes(`<-- [200] POST ${hook.url} [${verified.id}]`) ? true : null), 10_000, 'the <-- line');
    expect(listener.got.stdout).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  --> payment_intent\\.succeeded \\[${verified.id}\\]`));
    expect(listener.got.stdout).not.toContain('4242424242424242');
  });

  it('every other trigger makes an event of its type, which listen prints and forwards once', async () => {
    const types = ['payment_intent.payment_failed', 'charge.succeeded', 'charge.captured', 'charge.refunded', 'customer.created', 'checkout.session.completed', 'invoice.paid', 'payout.paid'];
    for (const type of types) {
      const ran = await paygate(['trigger', type, '--api-key', a.secretKey]);
      if (ran.code !== 0) throw new Error(`trigger ${type}: exit ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
      expect(ran.stdout).toContain('Trigger succeeded!');
      expect(ran.stdout).not.toContain('4242424242424242');
    }
    for (const type of types) {
      const event = await eventually(async () => (await a.stripe.events.list({ type, limit: 1 })).data[0], 30_000, `a ${type} event`);
      expect(event).toMatchObject({ type, account: a.id });
      await eventually(async () => (listener.got.stdout.includes(`--> ${type} [${event.id}]`) ? true : null), 15_000, `listen to print ${type}`);
      await eventually(async () => (hook.received.some((r) => r.event.id === event.id) ? true : null), 15_000, `the forwarded ${type}`);
    }
    const printed = [...listener.got.stdout.matchAll(/--> \S+ \[(evt_[0-9A-Za-z]+)\]/g)].map((m) => m[1]);
    expect(new Set(printed).size).toBe(printed.length);
    const forwarded = hook.received.map((r) => r.event.id);
    expect(new Set(forwarded).size).toBe(forwarded.length);
    for (const r of hook.received) verifier.webhooks.constructEvent(r.raw, r.headers['stripe-signature'] as string, secret);
    expect(listener.got.stderr).not.toMatch(/ERROR/);
  }, 240_000);

  it('listen stops cleanly on SIGTERM', async () => {
    signal(listener.child, 'SIGTERM');
    const ended = await within(listener.exited, 10_000);
    expect(ended).not.toBeNull();
    expect(ended!.stderr).not.toMatch(/\n\s+at /);
  });

  it('listen --events filters, --max-events bounds it, and a forward failure is printed and survived', async () => {
    const bounded = start(['listen', '--events', 'charge.*', '--forward-to', 'http://127.0.0.1:9/nothing-here', '--max-events', '2', '--for', '60s', '--api-key', a.secretKey]);
    await eventually(async () => (bounded.got.stdout.includes('Ready!') ? true : null), 30_000, 'the second listener');
    expect((await paygate(['trigger', 'charge.refunded', '--api-key', a.secretKey])).code).toBe(0);
    const ended = await within(bounded.exited, 45_000);
    expect(ended).toMatchObject({ code: 0 });
    const types = [...ended!.stdout.matchAll(/--> (\S+) \[evt_/g)].map((m) => m[1]);
    expect(types).toHaveLength(2);
    expect(types.every((t) => t!.startsWith('charge.'))).toBe(true);
    expect(ended!.stderr.match(/\[ERROR\] Failed to POST/g)).toHaveLength(2);
  }, 90_000);

  it('keys roll --grace 0s: the new key works at once, the old one is refused within the edge key cache TTL', async () => {
    const b = await newAccount('cli keys roll');
    expect(await accountStatus(b.secret_key)).toBe(200); // cached by the edge now
    const rolled = await paygate(['keys', 'roll', '--grace', '0s', '--api-key', b.secret_key]);
    expect([rolled.code, rolled.stderr]).toEqual([0, expect.any(String)]);
    const fresh = secretKeyIn(rolled.stdout)!;
    expect(fresh).toMatch(/^sk_test_/);
    expect(fresh).not.toBe(b.secret_key);
    expect(rolled.stdout).toContain(`sk_test_…${b.secret_key.slice(-4)} is revoked now`);
    expect(await accountStatus(fresh)).toBe(200);
    await eventually(async () => ((await accountStatus(b.secret_key)) === 401 ? true : null), 15_000, 'the old key to be refused');
    expect(await accountStatus(fresh)).toBe(200);
    // The publishable key is not rolled.
    expect((await edge(b.publishable_key).post('/v1/tokens').type('form').send({ card: 'tok_visa' })).status).not.toBe(401);
  }, 60_000);

  it('keys roll --account --grace 1h: the old key keeps working until then, both are listed', async () => {
    const c = await newAccount('cli keys grace');
    const rolled = await paygate(['keys', 'roll', '--account', c.id, '--grace', '1h']);
    expect([rolled.code, rolled.stderr]).toEqual([0, expect.any(String)]);
    const fresh = secretKeyIn(rolled.stdout)!;
    expect(await accountStatus(c.secret_key)).toBe(200); // first lookup after the roll: the database says "until in an hour"
    expect(await accountStatus(fresh)).toBe(200);
    const listed = await paygate(['accounts', 'list', '--json']);
    const mine = (JSON.parse(listed.stdout) as { id: string; active_keys: { type: string; last4: string; revokes_at?: number }[] }[]).find((x) => x.id === c.id)!;
    const old = mine.active_keys.find((k) => k.last4 === c.secret_key.slice(-4))!;
    expect(old.revokes_at! - Math.floor(Date.now() / 1000)).toBeGreaterThan(3_500);
    expect(mine.active_keys.map((k) => k.last4)).toEqual(expect.arrayContaining([fresh.slice(-4), c.publishable_key.slice(-4)]));
    expect((await paygate(['keys', 'roll', '--account', 'acct_doesnotexist1234'])).code).toBe(1);
  });

  it('accounts create prints the keys once; accounts list shows the account with its key last4s', async () => {
    const name = `CLI made ${Date.now()}`;
    const created = await paygate(['accounts', 'create', '--name', name]);
    expect([created.code, created.stderr]).toEqual([0, expect.any(String)]);
    const account = JSON.parse(created.stdout) as { id: string; name: string; secret_key: string; publishable_key: string };
    expect(account).toMatchObject({ id: expect.stringMatching(/^acct_/), name, secret_key: expect.stringMatching(/^sk_test_/), publishable_key: expect.stringMatching(/^pk_test_/) });
    expect(await accountStatus(account.secret_key)).toBe(200);
    const listed = await paygate(['accounts', 'list']);
    expect(listed.code).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.startsWith(account.id))!;
    expect(row).toContain(name);
    expect(row).toContain(`sk_…${account.secret_key.slice(-4)}`);
    expect(row).toContain(`pk_…${account.publishable_key.slice(-4)}`);
    expect(listed.stdout).not.toContain(account.secret_key);
    expect((await paygate(['accounts', 'create'])).code).toBe(2);
  });
});
