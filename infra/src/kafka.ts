/**
 * Paygate's own Kafka broker: Apache Kafka's jars from Maven Central (infra/kafka/pom.xml),
 * run as one single-node KRaft process (broker + controller) under <root>/.run/.
 *
 *   tsx infra/src/kafka.ts up     # fetch jars if needed, format once, start, wait until ready
 *   tsx infra/src/kafka.ts down   # stop the broker recorded in .run/kafka.pid
 *
 * Layout (all git-ignored), for the default port 9092:
 *   infra/.cache/kafka/libs/          the jars (+ .paygate-fetched marker)
 *   .run/kafka/data/                  KRaft storage
 *   .run/kafka/server-9092.properties generated from infra/kafka/server.properties
 *   .run/logs/kafka.log               log4j2 output and the JVM's stdout/stderr
 *   .run/kafka.pid                    pid of the broker started by ensureKafka()
 * Another port P (opts.port / KAFKA_PORT) gets its own broker beside it: .run/kafka/data-P/,
 * .run/logs/kafka-P.log, .run/kafka-P.pid. (A data directory is tied to its port: the KRaft voter
 * set written by `format --standalone` records the controller endpoint, port + 1.)
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { Kafka, logLevel } from 'kafkajs';
import { foreignBrokerMessage, judgeOwnership, listenerOn } from './kafka-owner';
import { RUN_DIR } from './topology';

// kafkajs warns about its v2 default partitioner on every producer; the project accepts the default.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export interface KafkaHandle {
  brokers: string;
  startedHere: boolean;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');
const KAFKA_CONF_DIR = path.join(ROOT, 'infra', 'kafka');
const POM = path.join(KAFKA_CONF_DIR, 'pom.xml');
const SERVER_TEMPLATE = path.join(KAFKA_CONF_DIR, 'server.properties');
const LOG4J_CONFIG = path.join(KAFKA_CONF_DIR, 'log4j2.properties');
const LIBS = path.join(ROOT, 'infra', '.cache', 'kafka', 'libs');
const LIBS_MARKER = path.join(LIBS, '.paygate-fetched');
const RUN = RUN_DIR;
const KAFKA_RUN = path.join(RUN, 'kafka');
const LOGS = path.join(RUN, 'logs');
const LOCK_FILE = path.join(RUN, 'kafka.lock');

const DEFAULT_PORT = 9092;
const STARTED_MESSAGE = 'Kafka Server started';
const START_TIMEOUT_MS = 90_000;
const FETCH_TIMEOUT_MS = 10 * 60_000;
const TOOL_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;
/** A broker tied to its starter (`pnpm start`) gets this long to stop before SIGKILL: the whole stack stops within 15 s. */
const TIED_STOP_GRACE_MS = 7_000;
const WATCHDOG = path.join(__dirname, 'watchdog.ts');
const LOCK_WAIT_MS = FETCH_TIMEOUT_MS + START_TIMEOUT_MS + 60_000;
const LOG_ROTATE_BYTES = 50 * 1024 * 1024;

// A single-node development broker moves a few MB/s at most here: a 256 MiB heap holds it with room
// (the stack's RSS budget is 1.5 GiB for ten processes), and C1 alone (TieredStopAtLevel=1) compiles
// less, so the broker starts faster and idles cheaper.
const BROKER_JVM_OPTS = [
  '-Xms64m',
  '-Xmx256m',
  // A young generation of its own size: left to NewRatio it grew to a third of the heap (33 MB)
  // under the benchmark and stayed there; 16 MB costs a minor GC of a few ms now and then.
  '-Xmn16m',
  '-XX:TieredStopAtLevel=1',
  '-XX:+UseSerialGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
/** glibc's malloc gives each JVM thread that allocates natively an arena of its own (the broker runs ~70 threads); two arenas hold the same work in less memory. */
const BROKER_ENV = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
const TOOL_JVM_OPTS = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`[kafka] ${line}\n`);

/**
 * The watchdog as plain JavaScript under .run/: it lives as long as the broker, and with tsx loaded
 * it held 70 MB of memory to watch one pipe (about 40 MB without).
 */
function compiledWatchdog(): string {
  const file = path.join(RUN, 'watchdog.js');
  const code = transformSync(fs.readFileSync(WATCHDOG, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  fs.mkdirSync(RUN, { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function resolvePort(port?: number): number {
  const raw = port ?? (process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : DEFAULT_PORT);
  if (!Number.isInteger(raw) || raw < 1 || raw > 65534) throw new Error(`invalid Kafka port: ${String(raw)}`);
  return raw;
}

interface BrokerPaths {
  props: string;
  data: string;
  logName: string;
  log: string;
  pid: string;
}

function brokerPaths(port: number): BrokerPaths {
  const suffix = port === DEFAULT_PORT ? '' : `-${port}`;
  const logName = `kafka${suffix}.log`;
  return {
    props: path.join(KAFKA_RUN, `server-${port}.properties`),
    data: path.join(KAFKA_RUN, `data${suffix}`),
    logName,
    log: path.join(LOGS, logName),
    pid: path.join(RUN, `kafka${suffix}.pid`),
  };
}

function javaBin(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

// ---------------------------------------------------------------------------------------------
// Processes

/** True if the process exists and is not a zombie. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** The command line of a live process ('' if unknown). */
function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** A live process that is our broker for these paths (guards against a recycled pid). */
function isOurBroker(pid: number, paths: BrokerPaths): boolean {
  if (!isAlive(pid)) return false;
  const cmd = cmdline(pid);
  return cmd === '' ? true : cmd.includes('kafka.Kafka') && cmd.includes(paths.props);
}

function readPidFile(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function removeFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the broker leads its own process group (spawned detached)
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** SIGTERM the broker's process group, wait, SIGKILL after the grace period. */
async function terminate(pid: number, log: Log, graceMs = STOP_GRACE_MS): Promise<void> {
  if (!isAlive(pid)) return;
  signalGroup(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return;
  log(`broker pid ${pid} still running ${graceMs / 1000}s after SIGTERM; sending SIGKILL`);
  signalGroup(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 10_000))) throw new Error(`Kafka broker pid ${pid} did not exit after SIGKILL`);
}

function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        const why =
          e.code === 'ENOENT'
            ? `${cmd} not found on PATH`
            : e.killed
              ? `timed out after ${timeoutMs / 1000}s`
              : `exit ${String(e.code)}`;
        reject(new Error(`${cmd} ${args.join(' ')}: ${why}\n${tail(`${stdout}\n${stderr}`, 40)}`));
      } else resolve({ stdout, stderr });
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function readFrom(file: string, offset: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= offset) return '';
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Lock: one ensureKafka at a time across processes (parallel jest workers, CLI + tests).

async function withLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(RUN, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(LOCK_FILE, 'utf8').trim() || NaN);
      } catch {
        continue; // released between our create and read
      }
      if (!Number.isInteger(holder) || !isAlive(holder)) {
        // Stale (holder died, or crashed between create and write): take it over.
        removeFile(LOCK_FILE);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_FILE} (held by pid ${holder})`);
      if (!announced) log(`waiting for pid ${holder} (holds ${path.relative(ROOT, LOCK_FILE)})`);
      announced = true;
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    removeFile(LOCK_FILE);
  }
}

// ---------------------------------------------------------------------------------------------
// kafkajs probes

function adminClient(brokers: string, clientId: string) {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 10_000,
    retry: { retries: 0 },
  }).admin();
}

/** True if something accepts a TCP connection on 127.0.0.1:`port` (tests use it too). */
export function tcpOpen(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until a kafkajs admin connects and sees at least one broker, or the deadline passes. */
async function adminAnswers(brokers: string, deadline: number, stillWorthWaiting: () => boolean = () => true) {
  let lastError = 'no attempt';
  do {
    const admin = adminClient(brokers, 'paygate-infra-probe');
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return { ok: true as const };
      lastError = 'metadata lists no broker';
    } catch (e) {
      lastError = (e as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (!stillWorthWaiting()) break;
    await sleep(250);
  } while (Date.now() < deadline);
  return { ok: false as const, lastError };
}

// ---------------------------------------------------------------------------------------------
// Jars, storage, start

function fetchKey(): string {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(POM));
  hash.update(`\nkafka.version=${process.env.KAFKA_VERSION ?? ''}`);
  return hash.digest('hex');
}

async function ensureJars(log: Log): Promise<void> {
  const key = fetchKey();
  try {
    if (fs.readFileSync(LIBS_MARKER, 'utf8').trim() === key) return;
  } catch {
    /* no marker: fetch */
  }
  // Start from an empty folder: jars of two Kafka versions on one classpath would mix.
  fs.rmSync(LIBS, { recursive: true, force: true });
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies'];
  if (process.env.KAFKA_VERSION) args.push(`-Dkafka.version=${process.env.KAFKA_VERSION}`);
  log(`fetching Kafka jars with Maven into ${path.relative(ROOT, LIBS)} (first run downloads ~45 MB)`);
  const t0 = Date.now();
  await run('mvn', args, FETCH_TIMEOUT_MS);
  const jars = fs.existsSync(LIBS) ? fs.readdirSync(LIBS).filter((f) => f.endsWith('.jar')) : [];
  if (!jars.some((f) => /^kafka_2\.13-.*\.jar$/.test(f))) {
    throw new Error(`mvn finished but ${LIBS} has no kafka_2.13 jar (found: ${jars.join(', ') || 'nothing'})`);
  }
  fs.writeFileSync(LIBS_MARKER, `${key}\n`);
  log(`fetched ${jars.length} jars in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function javaArgs(paths: BrokerPaths, jvmOpts: string[], mainClass: string, args: string[]): string[] {
  return [
    ...jvmOpts,
    '-cp',
    `${LIBS}${path.sep}*`,
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    `-Dkafka.logs.dir=${LOGS}`,
    `-Dpaygate.kafka.log.name=${paths.logName}`,
    mainClass,
    ...args,
  ];
}

function writeServerProperties(port: number, paths: BrokerPaths): void {
  const text = fs
    .readFileSync(SERVER_TEMPLATE, 'utf8')
    .replaceAll('@CONTROLLER_PORT@', String(port + 1))
    .replaceAll('@PORT@', String(port))
    .replaceAll('@DATA_DIR@', paths.data);
  fs.mkdirSync(path.dirname(paths.props), { recursive: true });
  fs.writeFileSync(paths.props, text);
}

async function formatStorage(paths: BrokerPaths, log: Log): Promise<void> {
  const { data, props } = paths;
  if (fs.existsSync(path.join(data, 'meta.properties'))) return;
  fs.mkdirSync(data, { recursive: true });
  const { stdout } = await run(javaBin(), javaArgs(paths, TOOL_JVM_OPTS, 'kafka.tools.StorageTool', ['random-uuid']), TOOL_TIMEOUT_MS);
  const clusterId = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (!/^[A-Za-z0-9_-]{22}$/.test(clusterId)) throw new Error(`StorageTool random-uuid printed no cluster id: ${stdout}`);
  log(`formatting ${path.relative(ROOT, data)} (cluster ${clusterId})`);
  await run(
    javaBin(),
    javaArgs(paths, TOOL_JVM_OPTS, 'kafka.tools.StorageTool', [
      'format',
      '-t',
      clusterId,
      '-c',
      props,
      '--standalone',
      '--ignore-formatted',
    ]),
    TOOL_TIMEOUT_MS,
  );
}

function rotateLogIfLarge(file: string): void {
  if (fileSize(file) > LOG_ROTATE_BYTES) fs.renameSync(file, `${file}.1`);
}

/** Brokers started tied to this process: the write end of each watchdog's stdin, held until this process ends. */
const tiedBrokers: ChildProcess[] = [];

async function startBroker(port: number, brokers: string, paths: BrokerPaths, log: Log, tied: boolean): Promise<void> {
  await ensureJars(log);
  writeServerProperties(port, paths);
  fs.mkdirSync(LOGS, { recursive: true });
  await formatStorage(paths, log);
  rotateLogIfLarge(paths.log);

  const logFile = paths.log;
  const logOffset = fileSize(logFile);
  const out = fs.openSync(logFile, 'a'); // O_APPEND: shared safely with log4j2's own appender
  const t0 = Date.now();
  const java = [javaBin(), ...javaArgs(paths, BROKER_JVM_OPTS, 'kafka.Kafka', [paths.props])] as const;
  // Own session and process group: Ctrl-C in the caller's terminal does not reach it, it is stopped as
  // a group. Untied it outlives the caller (`pnpm infra:up`); tied, a watchdog in the same group stops
  // it when the caller's pipe closes, i.e. when the caller dies, however (`pnpm start`).
  const child = tied
    ? spawn(process.execPath, [compiledWatchdog(), String(TIED_STOP_GRACE_MS), ...java], { cwd: ROOT, env: BROKER_ENV, detached: true, stdio: ['pipe', out, out] })
    : spawn(java[0], java.slice(1), { cwd: ROOT, env: BROKER_ENV, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (tied) {
    tiedBrokers.push(child);
    (child.stdin as unknown as { unref(): void } | null)?.unref(); // the pipe must not keep this process alive, only exist while it does
  }
  let exited: string | undefined;
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    exited = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
  };
  const onError = (err: Error) => {
    exited = `failed to start: ${err.message}`;
  };
  child.once('exit', onExit);
  child.once('error', onError);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    await sleep(50); // let the 'error' event arrive
    throw new Error(`could not start ${javaBin()}: ${exited ?? 'no pid'}`);
  }
  fs.writeFileSync(paths.pid, `${pid}\n`);
  log(`started broker pid ${pid}${tied ? ' (under a watchdog: it stops when this process ends)' : ''} on ${brokers} (log: ${path.relative(ROOT, logFile)})`);

  const deadline = t0 + START_TIMEOUT_MS;
  const fail = async (why: string): Promise<never> => {
    child.off('exit', onExit);
    child.off('error', onError);
    await terminate(pid, log).catch(() => undefined);
    removeFile(paths.pid);
    throw new Error(`Kafka broker ${why}. Last lines of ${logFile}:\n${tail(readFrom(logFile, logOffset), 40)}`);
  };
  try {
    for (;;) {
      if (exited) return await fail(exited);
      if (readFrom(logFile, logOffset).includes(STARTED_MESSAGE)) break;
      if (Date.now() > deadline) return await fail(`did not log "${STARTED_MESSAGE}" within ${START_TIMEOUT_MS / 1000}s`);
      await sleep(200);
    }
    const probe = await adminAnswers(brokers, deadline, () => !exited);
    if (!probe.ok) return await fail(exited ?? `did not answer a kafkajs admin within ${START_TIMEOUT_MS / 1000}s (${probe.lastError})`);
  } finally {
    child.off('exit', onExit);
    child.off('error', onError);
  }
  log(`broker ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

// ---------------------------------------------------------------------------------------------
// Public API

export interface EnsureKafkaOptions {
  port?: number;
  log?: (line: string) => void;
  /** Start the broker (if this call starts it) under a watchdog that stops it when this process ends, however it ends (`pnpm start`). */
  tiedToThisProcess?: boolean;
}

/**
 * A broker already answering on the port is reused only when this checkout started it (its pid file,
 * or a `kafka.Kafka` process running this checkout's properties file; kafka-owner.ts). Anything else
 * is refused with who it is and how to stop it, unless PAYGATE_KAFKA_EXTERNAL=1 says to use it
 * knowingly. Reused means startedHere=false and stop() a no-op.
 */
function reuseIfOurs(port: number, brokers: string, paths: BrokerPaths, log: Log): KafkaHandle {
  const reused: KafkaHandle = { brokers, startedHere: false, stop: async () => undefined };
  const recorded = readPidFile(paths.pid);
  if (recorded !== undefined && isOurBroker(recorded, paths)) return reused;
  const listener = listenerOn(port);
  const ownership = judgeOwnership(listener, paths.props);
  if (ownership.owner === 'this-checkout') {
    fs.writeFileSync(paths.pid, `${ownership.pid}\n`); // ours, pid file lost: record it so `infra:down` can stop it
    return reused;
  }
  if (process.env.PAYGATE_KAFKA_EXTERNAL === '1') {
    log(`using the broker on ${brokers} that this checkout did not start (PAYGATE_KAFKA_EXTERNAL=1)${listener ? `: pid ${listener.pid}` : ''}`);
    return reused;
  }
  throw new Error(foreignBrokerMessage(brokers, listener, paths.props, paths.pid));
}

/** Idempotent: if this checkout's broker already answers on the port, reuse it (startedHere=false, stop() is a no-op; see reuseIfOurs).
 *  Otherwise fetch jars if missing, format storage once, start the broker detached (own process group,
 *  output to .run/logs/kafka.log, pid in .run/kafka.pid) and wait until it logged "Kafka Server started"
 *  and a kafkajs admin can connect (at most 90 s, plus the one-time jar download). */
export async function ensureKafka(opts?: EnsureKafkaOptions): Promise<KafkaHandle> {
  const port = resolvePort(opts?.port);
  const log = opts?.log ?? defaultLog;
  const tied = opts?.tiedToThisProcess ?? false;
  const brokers = `127.0.0.1:${port}`;
  const paths = brokerPaths(port);

  // Fast path, no lock: a broker answering on the port is reused if it is ours.
  if ((await tcpOpen(port)) && (await adminAnswers(brokers, Date.now() + 5_000)).ok) return reuseIfOurs(port, brokers, paths, log);

  return withLock(log, async () => {
    const pid = readPidFile(paths.pid);
    if (pid !== undefined && isOurBroker(pid, paths)) {
      // Ours, alive, not answering yet: started by a process that gave up or died while waiting.
      const probe = await adminAnswers(brokers, Date.now() + START_TIMEOUT_MS, () => isAlive(pid));
      if (probe.ok) return reuseIfOurs(port, brokers, paths, log);
      log(`broker pid ${pid} is not answering (${probe.lastError}); restarting it`);
      await terminate(pid, log);
      removeFile(paths.pid);
    } else if (pid !== undefined) {
      removeFile(paths.pid); // stale
    }

    if (await tcpOpen(port)) {
      if ((await adminAnswers(brokers, Date.now() + 5_000)).ok) return reuseIfOurs(port, brokers, paths, log); // started meanwhile
      throw new Error(`port ${port} is in use by something that does not answer as a Kafka broker`);
    }

    await startBroker(port, brokers, paths, log, tied);
    return { brokers, startedHere: true, stop: async () => void (await stopKafka({ port, graceMs: tied ? TIED_STOP_GRACE_MS : undefined })) };
  });
}

/** Stops the broker recorded in the pid file (SIGTERM its process group, wait for exit, SIGKILL after `graceMs`, 30 s). No-op if none.
 *  The port (opts.port ?? KAFKA_PORT ?? 9092) picks the pid file: .run/kafka.pid for 9092, .run/kafka-<port>.pid otherwise.
 *  A broker this checkout did not start is never stopped: the message says whose it is. True if a broker was stopped. */
export async function stopKafka(opts?: { port?: number; graceMs?: number; log?: (line: string) => void }): Promise<boolean> {
  const port = resolvePort(opts?.port);
  const log = opts?.log ?? defaultLog;
  const paths = brokerPaths(port);
  const pid = readPidFile(paths.pid);
  let stopped = false;
  if (pid !== undefined && isOurBroker(pid, paths)) {
    await terminate(pid, log, opts?.graceMs);
    stopped = true;
  }
  if (pid !== undefined) removeFile(paths.pid);
  const listener = (await tcpOpen(port)) ? listenerOn(port) : undefined;
  if (!listener) return stopped;
  if (judgeOwnership(listener, paths.props).owner === 'this-checkout') {
    await terminate(listener.pid, log, opts?.graceMs); // ours, pid file lost
    return true;
  }
  log(`left running: ${foreignBrokerMessage(`127.0.0.1:${port}`, listener, paths.props, paths.pid).split('\n')[0]}`);
  return stopped;
}

// tsx infra/src/kafka.ts up|down
if (require.main === module) {
  const cmd = process.argv[2];
  const main = async () => {
    if (cmd === 'up') {
      const handle = await ensureKafka();
      const pid = readPidFile(brokerPaths(resolvePort()).pid);
      process.stdout.write(
        `${handle.brokers} ${handle.startedHere ? `started (pid ${String(pid)})` : 'already running'}\n`,
      );
    } else if (cmd === 'down') {
      process.stdout.write((await stopKafka()) ? 'stopped\n' : 'no broker of this checkout was running\n');
    } else {
      process.stderr.write('usage: tsx infra/src/kafka.ts up|down\n');
      process.exitCode = 2;
    }
  };
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
