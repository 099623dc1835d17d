/**
 * The stack under test: one already running at --url (its /ready answers 200), or one this bench
 * starts on port base 7200 and stops at the end.
 */
import { startStack } from '../infra/src/stack';
import { databaseUrl, EDGE_DATABASE, localSecrets, portsFrom, serviceDatabase, type Ports } from '../infra/src/topology';
import { findKafka, findStackProcesses, readEnv, type Proc } from './proc';

export const OWN_PORT_BASE = 7200;

export interface Startup {
  /** Infrastructure ready (Kafka up, every database migrated) → `stack ready` (the edge's /ready is 200). */
  infraToReadyMs: number;
  /** …of which compiling the processes, from the stack's `built … in N ms` line (null if it logs none). */
  buildMs: number | null;
  /** …and the 9 processes starting until the edge's /ready is 200. */
  processesMs: number;
}

export interface Target {
  edgeUrl: string;
  ports: Ports;
  startedHere: boolean;
  startup: Startup | null;
  /** The 9 node processes, then the Kafka JVM (as last found: see refresh). */
  procs: Proc[];
  /** Find the processes again (a broker shared with other stacks may be restarted by them); says what changed. */
  refresh(): string[];
  contextSecret: string;
  edgeDatabaseUrl: string;
  balanceDatabaseUrl: string;
  chargeDatabaseUrl: string;
  stop(): Promise<void>;
}

/** http on a loopback address only: this bench loads what it points at. */
export function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (parsed.protocol !== 'http:' || !(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`the bench targets http on loopback only, not ${url}`);
  }
  return parsed;
}

export async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * From startStack's log: `kafka ready …`, `<db>: applied …` (only when a migration ran), then
 * `built 9 processes … in N ms`, then `stack ready …`. Migrations end where the build begins
 * (built line − N ms); without a built line, the last infrastructure line stands for it.
 */
function startupFrom(lines: { at: number; line: string }[]): Startup | null {
  const ready = lines.find((l) => l.line.startsWith('stack ready'));
  if (!ready) return null;
  const built = lines.find((l) => l.line.startsWith('built ') && l.at <= ready.at);
  const buildMs = built ? Number(/ in (\d+) ms/.exec(built.line)?.[1] ?? NaN) : NaN;
  if (built && Number.isFinite(buildMs)) {
    return { infraToReadyMs: ready.at - (built.at - buildMs), buildMs, processesMs: ready.at - built.at };
  }
  const infra = lines.filter((l) => /^kafka ready|: applied /.test(l.line) && l.at <= ready.at).pop();
  return infra ? { infraToReadyMs: ready.at - infra.at, buildMs: null, processesMs: ready.at - infra.at } : null;
}

export async function startOwnStack(log: (line: string) => void): Promise<{ handle: Awaited<ReturnType<typeof startStack>>; startup: Startup | null }> {
  const lines: { at: number; line: string }[] = [];
  const handle = await startStack({
    portBase: OWN_PORT_BASE,
    tieBroker: true, // a broker started for the bench goes with it, however the bench ends
    log: (line) => {
      lines.push({ at: performance.now(), line });
      log(line);
    },
  });
  return { handle, startup: startupFrom(lines) };
}

function findProcs(ports: Ports): Proc[] {
  const node = findStackProcesses(ports);
  const edge = node.find((p) => p.name === 'rest-edge');
  const brokerPort = Number((edge && readEnv(edge.pid))?.KAFKA_BROKERS?.split(',')[0]?.split(':')[1]) || undefined;
  const kafka = findKafka(brokerPort);
  return kafka ? [...node, kafka] : node;
}

/** Describe a stack whose edge is at `edgeUrl`: its processes (by PORT), secrets and databases, from their environments. */
function describe(edgeUrl: string, ports: Ports, fallbackSecret: () => string): Omit<Target, 'startedHere' | 'startup' | 'stop'> {
  const procs = findProcs(ports);
  const envOf = (name: string) => {
    const proc = procs.find((p) => p.name === name);
    return proc ? readEnv(proc.pid) : null;
  };
  const target = {
    edgeUrl,
    ports,
    procs,
    refresh: () => {
      const now = findProcs(ports);
      const changes = [...new Set([...target.procs, ...now].map((p) => p.name))]
        .map((name) => [name, target.procs.find((p) => p.name === name)?.pid, now.find((p) => p.name === name)?.pid] as const)
        .filter(([, was, is]) => was !== is)
        .map(([name, was, is]) => `${name}: pid ${was ?? 'none'} → ${is ?? 'none'}`);
      target.procs = now;
      return changes;
    },
    contextSecret: envOf('gateway')?.PAYGATE_CONTEXT_SECRET ?? envOf('customer')?.PAYGATE_CONTEXT_SECRET ?? fallbackSecret(),
    edgeDatabaseUrl: envOf('rest-edge')?.DATABASE_URL ?? databaseUrl(EDGE_DATABASE),
    balanceDatabaseUrl: envOf('balance')?.DATABASE_URL ?? databaseUrl(serviceDatabase('balance')),
    chargeDatabaseUrl: envOf('charge')?.DATABASE_URL ?? databaseUrl(serviceDatabase('charge')),
  };
  return target;
}

export async function acquireStack(url: string, log: (line: string) => void): Promise<Target> {
  const parsed = assertLoopback(url);
  const base = url.replace(/\/$/, '');
  if (await isReady(base)) {
    log(`using the running stack at ${base}`);
    const ports = portsFrom(Number(parsed.port || 80));
    // Object.assign, not a spread: refresh() updates the very object it belongs to.
    return Object.assign(describe(base, ports, () => localSecrets().PAYGATE_CONTEXT_SECRET), { startedHere: false, startup: null, stop: async () => {} });
  }
  log(`no stack ready at ${base}: starting one on port base ${OWN_PORT_BASE}`);
  const { handle, startup } = await startOwnStack(log);
  return Object.assign(describe(handle.edgeUrl, handle.ports, () => handle.secrets.PAYGATE_CONTEXT_SECRET), { contextSecret: handle.secrets.PAYGATE_CONTEXT_SECRET, startedHere: true, startup, stop: () => handle.stop() });
}
