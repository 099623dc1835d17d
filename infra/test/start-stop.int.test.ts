/**
 * `pnpm start` (infra/src/start.ts) leaves nothing behind: SIGTERM stops every process it started,
 * its own Kafka broker included, within 15 s; after a SIGKILL, which it cannot handle, every child
 * and the broker notice their parent is gone and stop within a few seconds. And `ensureKafka` refuses
 * a broker this checkout did not start.
 *
 * The stack under test is a second one, wholly its own, so the shared broker on 9092 and the
 * databases other stacks use are never touched: from the suite's port base B (PAYGATE_TEST_PORT_BASE,
 * 5000), ports from B + 200, broker on B + 360 (controller + 1), databases paygate_startint<B>_*,
 * state in .run/tmp/start-int-<B> (PAYGATE_RUN_DIR). Two suites on two bases do not collide.
 *
 *   PAYGATE_TEST_PORT_BASE=7600 pnpm exec jest --selectProjects integration infra/test/start-stop.int.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureKafka, tcpOpen } from '../src/kafka';
import { ROOT, SERVICE_NAMES } from '../src/topology';

const SUITE_BASE = Number(process.env.PAYGATE_TEST_PORT_BASE ?? 5000);
const PORT_BASE = SUITE_BASE + 200;
const KAFKA_PORT = SUITE_BASE + 360;
const RUN_DIR = path.join(ROOT, '.run', 'tmp', `start-int-${SUITE_BASE}`);
// First run: the broker's storage is formatted and eight databases are created and migrated.
const READY_TIMEOUT_MS = 240_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Live (not zombie) processes by pid, with parent and command line, from /proc. */
function processTable(): Map<number, { ppid: number; cmdline: string }> {
  const table = new Map<number, { ppid: number; cmdline: string }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (after[0] === 'Z' || after[0] === 'X') continue;
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      table.set(Number(name), { ppid: Number(after[1]), cmdline });
    } catch {
      // exited while we looked
    }
  }
  return table;
}

/** `root` and every process below it. */
function processTree(root: number): Map<number, string> {
  const table = processTable();
  const tree = new Map<number, string>();
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    const entry = table.get(pid);
    if (!entry || tree.has(pid)) continue;
    tree.set(pid, entry.cmdline);
    for (const [child, { ppid }] of table) if (ppid === pid) queue.push(child);
  }
  return tree;
}

function alive(pids: Iterable<number>): number[] {
  const table = processTable();
  return [...pids].filter((pid) => table.has(pid));
}

/** Polls until none of `pids` lives; returns how long that took (or throws after `ms`, naming the survivors). */
async function allGone(pids: number[], ms: number, tree: Map<number, string>): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const left = alive(pids);
    if (left.length === 0) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`still running after ${ms} ms:\n${left.map((pid) => `  ${pid} ${tree.get(pid)?.slice(0, 160)}`).join('\n')}`);
    await sleep(100);
  }
}

const started: ChildProcess[] = [];
const seen = new Set<number>();

async function startStackProcess(): Promise<{ child: ChildProcess; tree: Map<number, string> }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PAYGATE_RUN_DIR: RUN_DIR,
    PAYGATE_PORT_BASE: String(PORT_BASE),
    KAFKA_PORT: String(KAFKA_PORT),
    PAYGATE_DATABASE_PREFIX: `paygate_startint${SUITE_BASE}`,
    LOG_LEVEL: 'warn',
  };
  for (const name of ['EDGE_DATABASE_URL', 'KAFKA_BROKERS', 'PAYGATE_KAFKA_EXTERNAL']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'infra', 'src', 'start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`start.ts exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start.ts not ready after ${READY_TIMEOUT_MS / 1000}s:\n${output}`);
    await sleep(250);
  }
  const tree = processTree(child.pid!);
  for (const pid of tree.keys()) seen.add(pid);
  return { child, tree };
}

function expectWholeStack(tree: Map<number, string>): void {
  const commands = [...tree.values()];
  expect(commands.filter((c) => /services\/\w+\/dist\/main\.js/.test(c))).toHaveLength(SERVICE_NAMES.length);
  expect(commands.some((c) => c.includes('gateway/dist/main.js'))).toBe(true);
  expect(commands.some((c) => c.includes('rest-edge/dist/main.js'))).toBe(true);
  expect(commands.some((c) => c.includes('watchdog.js'))).toBe(true);
  expect(commands.some((c) => c.startsWith('java') && c.includes(`kafka.Kafka ${path.join(RUN_DIR, 'kafka', `server-${KAFKA_PORT}.properties`)}`))).toBe(true);
}

describe('pnpm start stops everything it started', () => {
  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Only what this file started; whatever a failed assertion left behind.
    for (const pid of alive(seen)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }, 30_000);

  it('SIGTERM: every process, the broker included, is gone within 15 s; meanwhile ensureKafka refuses that broker', async () => {
    const { child, tree } = await startStackProcess();
    expectWholeStack(tree);
    expect(await tcpOpen(KAFKA_PORT)).toBe(true);

    // This test process is another checkout as far as that broker is concerned (its own .run): refused, named, unless told.
    await expect(ensureKafka({ port: KAFKA_PORT, log: () => undefined })).rejects.toThrow(
      new RegExp(`not started by this checkout[\\s\\S]*pid \\d+[\\s\\S]*${path.join(RUN_DIR, 'kafka').replaceAll('/', '\\/')}[\\s\\S]*PAYGATE_KAFKA_EXTERNAL=1`),
    );
    process.env.PAYGATE_KAFKA_EXTERNAL = '1';
    try {
      const external = await ensureKafka({ port: KAFKA_PORT, log: () => undefined });
      expect(external.startedHere).toBe(false);
      await external.stop(); // a no-op: not ours
      expect(await tcpOpen(KAFKA_PORT)).toBe(true);
    } finally {
      delete process.env.PAYGATE_KAFKA_EXTERNAL;
    }

    const t0 = Date.now();
    child.kill('SIGTERM');
    const took = await allGone([...tree.keys()], 15_000, tree);
    process.stdout.write(`SIGTERM: ${tree.size} processes gone in ${took} ms (${Date.now() - t0} ms)\n`);
    expect(took).toBeLessThan(15_000);
    expect(child.exitCode).toBe(0);
    expect(await tcpOpen(KAFKA_PORT)).toBe(false);
    expect(await tcpOpen(PORT_BASE)).toBe(false);
  }, READY_TIMEOUT_MS + 60_000);

  it('SIGKILL: every child and the broker notice and are gone within a few seconds', async () => {
    const { child, tree } = await startStackProcess();
    expectWholeStack(tree);
    child.kill('SIGKILL');
    const took = await allGone([...tree.keys()], 10_000, tree);
    process.stdout.write(`SIGKILL: ${tree.size} processes gone in ${took} ms\n`);
    expect(await tcpOpen(KAFKA_PORT)).toBe(false);
    expect(await tcpOpen(PORT_BASE)).toBe(false);
  }, READY_TIMEOUT_MS + 60_000);
});
