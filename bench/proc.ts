/**
 * The processes of a stack and what they cost, read from /proc: CPU as utime + stime (clock ticks),
 * memory as VmRSS. Linux only, like the rest of the bench.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Ports } from '../infra/src/topology';

/** Clock ticks per second of /proc/<pid>/stat's times. */
export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface Proc {
  /** customer … payout, gateway, rest-edge, kafka, floor */
  name: string;
  pid: number;
}

interface PsRow {
  pid: number;
  ppid: number;
  comm: string;
  args: string;
}

function ps(): PsRow[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,comm=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), comm: m[3]!, args: m[4]! }));
}

/** The process's environment, or null if it is gone or not ours to read. */
export function readEnv(pid: number): Record<string, string> | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    const env: Record<string, string> = {};
    for (const entry of raw.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return env;
  } catch {
    return null;
  }
}

/** Today `…/services/<name>/src/main.ts`, soon `…/services/<name>/dist/main.js`; likewise gateway and rest-edge. */
const ENTRY = /(services\/(\w+)|gateway|rest-edge)\/(src|dist)\/main\.(ts|js)/;

/**
 * The 9 node processes of the stack whose ports are `ports`: found by entry path, kept only if
 * their PORT is the one that stack gives them (several stacks may run on this machine).
 */
export function findStackProcesses(ports: Ports): Proc[] {
  const expected = new Map<string, number>([
    ...Object.entries(ports.services),
    ['gateway', ports.gateway],
    ['rest-edge', ports.edge],
  ]);
  const candidates: (PsRow & { name: string })[] = [];
  for (const row of ps()) {
    const m = ENTRY.exec(row.args);
    if (!m) continue;
    const name = m[2] ?? m[1]!;
    if (expected.get(name) === undefined || readEnv(row.pid)?.PORT !== String(expected.get(name))) continue;
    candidates.push({ ...row, name });
  }
  // A wrapper (a shell, the tsx CLI) and the node process it runs both match: keep the innermost.
  const found = candidates
    .filter((c) => !candidates.some((other) => other.ppid === c.pid && other.name === c.name))
    .map((c) => ({ name: c.name, pid: c.pid }));
  const order = [...expected.keys()];
  return found.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** The Kafka broker JVM; with `port`, the one whose server-<port>.properties it runs. */
export function findKafka(port?: number): Proc | null {
  const jvms = ps().filter((row) => row.comm === 'java' && row.args.includes('kafka.Kafka'));
  const match = (port ? jvms.find((row) => row.args.includes(`server-${port}.properties`)) : undefined) ?? jvms[0];
  return match ? { name: 'kafka', pid: match.pid } : null;
}

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": index 0 is field 3 (state), so field n is at index n - 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (fields 14 and 15) in clock ticks; null if the process is gone. */
export function cpuTicks(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[11]) + Number(f[12]) : null;
}

/**
 * All of PostgreSQL, every database's backends (not only this stack's): the CPU of every live
 * postgres process, plus the postmaster's cutime + cstime (fields 16, 17), which holds the CPU of
 * backends that have exited since, so a backend ending between two readings is not lost.
 */
export function postgresTicks(): number {
  const rows = ps().filter((row) => row.comm === 'postgres');
  const pids = new Set(rows.map((row) => row.pid));
  let ticks = 0;
  for (const row of rows) {
    const f = statFields(row.pid);
    if (!f) continue;
    ticks += Number(f[11]) + Number(f[12]);
    if (!pids.has(row.ppid)) ticks += Number(f[13]) + Number(f[14]); // the postmaster: its reaped children
  }
  return ticks;
}

export const POSTGRES = 'postgres*';

/** CPU ticks of each process (and PostgreSQL as a whole under POSTGRES) at one moment. */
export type CpuSnapshot = Map<string, number>;

export function cpuSnapshot(procs: Proc[], withPostgres = true): CpuSnapshot {
  const snap: CpuSnapshot = new Map();
  for (const p of procs) snap.set(p.name, cpuTicks(p.pid) ?? NaN);
  if (withPostgres) snap.set(POSTGRES, postgresTicks());
  return snap;
}

/** CPU milliseconds spent by each process between two snapshots. */
export function cpuMsBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const ms = new Map<string, number>();
  for (const [name, ticks] of after) ms.set(name, ((ticks - (before.get(name) ?? NaN)) * 1000) / CLK_TCK);
  return ms;
}

/** VmRSS in MiB; 0 if the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}
