import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, createKafka, createLogger, ensureTopics, logLevelFor } from '@paygate/chassis';
import { buildAll, entryFile, NODE_ARGS, NODE_ENV_DEFAULTS } from './build';
import { edgeTlsFiles } from './dev-certificate';
import { ensureKafka, type KafkaHandle } from './kafka';
import { applyMigrations } from './migrations';
import {
  databases,
  databaseUrl,
  EDGE_DATABASE,
  LOG_DIR,
  localSecrets,
  portsFrom,
  SERVICE_NAMES,
  serviceDatabase,
  type Ports,
} from './topology';

export interface StackHandle {
  ports: Ports;
  edgeUrl: string;
  /** The edge's HTTPS door (HTTP/2, HTTP/1.1 fallback), and the CA file a client trusts it with. */
  edgeTlsUrl: string;
  edgeTlsCaFile: string;
  gatewayUrl: string;
  kafkaBrokers: string;
  secrets: ReturnType<typeof localSecrets>;
  stop(): Promise<void>;
  /** SIGKILL one process (a service name, 'gateway' or 'rest-edge') and wait for it to be gone: for fault tests. */
  kill(name: string): Promise<void>;
  /** Start a killed process again, as it was launched, and wait until it is ready. */
  restart(name: string): Promise<void>;
  /** SIGTERM one process, as an orchestrator stops a container, and wait for it to exit (SIGKILL after PROC_STOP_GRACE_MS): how it ended and how long it took. */
  terminate(name: string): Promise<{ code: number | null; signal: string | null; ms: number }>;
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

const READY_TIMEOUT_MS = 120_000;
/** A process that has not exited this long after SIGTERM is killed (each stops itself within 10 s, or 3 s once orphaned). */
const PROC_STOP_GRACE_MS = 6_000;

/**
 * Infrastructure only: Kafka up, topics made, every database created and migrated. `tieBroker`:
 * a broker this call starts stops when this process ends, however it ends (`pnpm start`).
 */
export async function startInfrastructure(log: (line: string) => void = () => {}, tieBroker = false): Promise<KafkaHandle> {
  const kafka = await ensureKafka({ log, tiedToThisProcess: tieBroker });
  const client = createKafka('paygate-infra', [kafka.brokers], createLogger('infra', 'warn'));
  await ensureTopics(client, ALL_TOPICS);
  log(`kafka ready on ${kafka.brokers} (topics: ${ALL_TOPICS.length})`);
  // In series: the wasm engine is loaded once and the 8 migrations take well under a second each.
  for (const db of databases()) {
    const applied = await applyMigrations({ serviceDir: db.dir, databaseUrl: db.url });
    if (applied.length) log(`${db.name}: applied ${applied.join(', ')}`);
  }
  return kafka;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * What every child gets from this process's environment besides its own settings: everything
 * (OTEL_* included: tracing is on for the stack when OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_TRACES_EXPORTER is set, see docs/observability.md), plus per process its OTEL_SERVICE_NAME
 * (`paygate-<name>`, unless OTEL_SERVICE_NAME_<NAME> says otherwise) and its log level
 * (LOG_LEVEL_<NAME> over LOG_LEVEL, e.g. LOG_LEVEL_CHARGE=debug, LOG_LEVEL_REST_EDGE=warn).
 */
export function processEnv(name: string, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const suffix = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return {
    OTEL_SERVICE_NAME: parent[`OTEL_SERVICE_NAME_${suffix}`] || `paygate-${name}`,
    LOG_LEVEL: logLevelFor(name, parent),
  };
}

function launch(name: string, entry: string, env: NodeJS.ProcessEnv): Proc {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${name}.log`);
  const out = fs.openSync(log, 'a');
  // Compiled JavaScript (build.ts), one process per service. PAYGATE_NODE_ARGS adds node flags that
  // NODE_OPTIONS refuses, e.g. `--cpu-prof --cpu-prof-dir=.run/prof`. The IPC channel is how the
  // child learns that this process died, even by SIGKILL (chassis runUntilSignal).
  const nodeArgs = [...NODE_ARGS, ...(process.env.PAYGATE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: path.dirname(path.dirname(entry)),
    env: { ...NODE_ENV_DEFAULTS, ...process.env, ...env, ...processEnv(name) },
    stdio: ['ignore', out, out, 'ipc'],
  });
  child.channel?.unref(); // the channel must not keep this process alive, only exist while it does
  fs.closeSync(out);
  return { name, child, log };
}

async function waitReady(url: string, procs: Proc[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with ${dead.child.exitCode}; last log lines:\n${tail(dead.log)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`stack not ready after ${READY_TIMEOUT_MS / 1000}s (${url})`);
}

async function stopProcs(procs: Proc[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          const kill = setTimeout(() => p.child.kill('SIGKILL'), PROC_STOP_GRACE_MS);
          p.child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * The whole system as separate processes, as in production: seven subgraphs, the gateway, the
 * edge. Returns when the edge's /ready (which checks the gateway, which checks every subgraph) is 200.
 * Every process stops when this one ends (IPC channel), so stop() is the clean way, not the only one.
 * stop() takes at most ~6 s for the processes plus the broker's own grace (7 s when tied).
 */
export async function startStack(options: { portBase?: number; log?: (line: string) => void; tieBroker?: boolean } = {}): Promise<StackHandle> {
  const log = options.log ?? (() => {});
  const ports = portsFrom(options.portBase ?? 4000);
  const kafka = await startInfrastructure(log, options.tieBroker);
  await buildAll(log);
  const secrets = localSecrets();
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  const edgeUrl = `http://127.0.0.1:${ports.edge}`;
  const tls = await edgeTlsFiles(process.env, log);
  const edgeTlsUrl = `https://127.0.0.1:${ports.edgeTls}`;
  const edgeTlsEnv = { TLS_PORT: String(ports.edgeTls), PAYGATE_TLS_CERT_FILE: tls.certFile, PAYGATE_TLS_KEY_FILE: tls.keyFile };
  const common = {
    ...secrets,
    KAFKA_BROKERS: kafka.brokers,
    HOST: '127.0.0.1',
    // LOG_LEVEL is set per process in launch() (processEnv: LOG_LEVEL_<NAME> over LOG_LEVEL).
    // Subgraphs read other services through the graph; hosted pages are linked at the edge's public URL.
    GATEWAY_URL: gatewayUrl,
    PAYGATE_PUBLIC_URL: edgeUrl,
    // Webhooks of a local stack go to loopback (a developer's server, the tests' receivers): the events
    // service's SSRF guard is relaxed unless the environment says otherwise. PAYGATE_WEBHOOK_RETRY_SCHEDULE
    // reaches the events service from this process's environment like every other variable (launch()).
    PAYGATE_WEBHOOK_ALLOW_PRIVATE: process.env.PAYGATE_WEBHOOK_ALLOW_PRIVATE ?? '1',
  };
  const subgraphUrls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports.services[name]}/graphql`]),
  );
  const procs: Proc[] = [];
  const specs = new Map<string, { entry: string; env: NodeJS.ProcessEnv; readyUrl: string }>();
  const start = (name: string, entry: string, env: NodeJS.ProcessEnv, readyUrl: string) => {
    specs.set(name, { entry, env, readyUrl });
    const proc = launch(name, entry, env);
    const at = procs.findIndex((p) => p.name === name);
    if (at >= 0) procs[at] = proc;
    else procs.push(proc);
    return proc;
  };
  try {
    for (const name of SERVICE_NAMES) {
      start(
        name,
        entryFile(`services/${name}`),
        { ...common, PORT: String(ports.services[name]), DATABASE_URL: databaseUrl(serviceDatabase(name)) },
        `http://127.0.0.1:${ports.services[name]}/ready`,
      );
    }
    start('gateway', entryFile('gateway'), { ...common, ...subgraphUrls, PORT: String(ports.gateway) }, `http://127.0.0.1:${ports.gateway}/ready`);
    start(
      'rest-edge',
      entryFile('rest-edge'),
      {
        ...common,
        ...edgeTlsEnv,
        PORT: String(ports.edge),
        METRICS_PORT: String(ports.edgeMetrics),
        DATABASE_URL: databaseUrl(EDGE_DATABASE),
        // Rate-limit counters on the machine's Redis, under this stack's own prefix (a second stack, PAYGATE_DATABASE_PREFIX, counts apart).
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        PAYGATE_RATE_LIMIT_KEY_PREFIX: process.env.PAYGATE_RATE_LIMIT_KEY_PREFIX ?? `${EDGE_DATABASE}:rl`,
      },
      `${edgeUrl}/ready`,
    );
    await waitReady(`${edgeUrl}/ready`, procs);
    log(`stack ready: edge ${edgeUrl}, gateway ${gatewayUrl}`);
    return {
      ports,
      edgeUrl,
      edgeTlsUrl,
      edgeTlsCaFile: tls.caFile,
      gatewayUrl,
      kafkaBrokers: kafka.brokers,
      secrets,
      stop: async () => {
        await stopProcs(procs);
        await kafka.stop();
      },
      kill: async (name) => {
        const proc = procs.find((p) => p.name === name);
        if (!proc) throw new Error(`no process ${name} in this stack`);
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
        await new Promise<void>((resolve) => {
          proc.child.once('exit', () => resolve());
          proc.child.kill('SIGKILL');
        });
      },
      terminate: async (name) => {
        const proc = procs.find((p) => p.name === name && p.child.exitCode === null && p.child.signalCode === null);
        if (!proc) throw new Error(`no running process ${name} in this stack`);
        const began = Date.now();
        return new Promise((resolve) => {
          const kill = setTimeout(() => proc.child.kill('SIGKILL'), PROC_STOP_GRACE_MS);
          proc.child.once('exit', (code, signal) => {
            clearTimeout(kill);
            resolve({ code, signal, ms: Date.now() - began });
          });
          proc.child.kill('SIGTERM');
        });
      },
      restart: async (name) => {
        const spec = specs.get(name);
        if (!spec) throw new Error(`no process ${name} in this stack`);
        const running = procs.find((p) => p.name === name);
        if (running && running.child.exitCode === null && running.child.signalCode === null) return; // already up
        const proc = start(name, spec.entry, spec.env, spec.readyUrl);
        await waitReady(spec.readyUrl, [proc]);
      },
    };
  } catch (err) {
    await stopProcs(procs);
    await kafka.stop();
    throw err;
  }
}
