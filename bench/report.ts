/** Turning measurements into tables: medians over rounds, CPU per request, the targets. */
import { median, type LoadResult } from './load';
import { SERVICE_NAMES } from '../infra/src/topology';
import { POSTGRES } from './proc';
import type { Route } from './routes';

export type Side = 'stack' | 'floor';

export interface Measurement {
  route: string;
  side: Side;
  round: number;
  result: LoadResult;
  /** CPU ms per completed request, per process (POSTGRES: all of PostgreSQL). */
  cpuMsPerRequest: Record<string, number>;
}

export const round = (n: number, digits = 1): number => (Number.isFinite(n) ? Number(n.toFixed(digits)) : NaN);

export function section(title: string): void {
  process.stdout.write(`\n== ${title} ==\n`);
}

function of(ms: Measurement[], route: string, side: Side): Measurement[] {
  return ms.filter((m) => m.route === route && m.side === side);
}

export interface RouteSummary {
  route: string;
  label: string;
  stack: { reqPerSec: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; firstError: string | null };
  floor: { reqPerSec: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; firstError: string | null };
  /** Median over rounds of (stack req/s ÷ floor req/s) in the same round. */
  ratio: number;
}

function sideSummary(ms: Measurement[]): RouteSummary['stack'] {
  return {
    reqPerSec: median(ms.map((m) => m.result.reqPerSec)),
    p50: median(ms.map((m) => m.result.p50)),
    p99: median(ms.map((m) => m.result.p99)),
    requests: ms.reduce((n, m) => n + m.result.requests, 0),
    non2xx: ms.reduce((n, m) => n + m.result.non2xx, 0),
    errors: ms.reduce((n, m) => n + m.result.errors, 0),
    firstError: ms.find((m) => m.result.firstError)?.result.firstError ?? null,
  };
}

export function summarizeRoutes(ms: Measurement[], routes: Route[]): RouteSummary[] {
  return routes.map((r) => {
    const stack = of(ms, r.name, 'stack');
    const floor = of(ms, r.name, 'floor');
    const ratios = stack.map((s) => s.result.reqPerSec / (floor.find((f) => f.round === s.round)?.result.reqPerSec ?? NaN));
    return { route: r.name, label: r.label, stack: sideSummary(stack), floor: sideSummary(floor), ratio: median(ratios) };
  });
}

export function printRoutes(summaries: RouteSummary[], rounds: number): void {
  section(`throughput and latency: median over ${rounds} round(s)`);
  console.table(
    Object.fromEntries(
      summaries.map((s) => [
        s.label,
        {
          'stack req/s': Math.round(s.stack.reqPerSec),
          'stack p50 ms': s.stack.p50,
          'stack p99 ms': s.stack.p99,
          'floor req/s': Math.round(s.floor.reqPerSec),
          'floor p50 ms': s.floor.p50,
          'floor p99 ms': s.floor.p99,
          'stack/floor': round(s.ratio, 3),
          'stack non-2xx': s.stack.non2xx,
          'stack errors': s.stack.errors,
          'floor non-2xx': s.floor.non2xx + s.floor.errors,
        },
      ]),
    ),
  );
  for (const s of summaries) {
    if (s.stack.non2xx || s.stack.errors) process.stdout.write(`!! ${s.label} (stack): ${s.stack.non2xx} non-2xx, ${s.stack.errors} errors of ${s.stack.requests}; first: ${s.stack.firstError ?? '(connection error, no body)'}\n`);
    if (s.floor.non2xx || s.floor.errors) process.stdout.write(`!! ${s.label} (floor): ${s.floor.non2xx} non-2xx, ${s.floor.errors} errors of ${s.floor.requests}; first: ${s.floor.firstError ?? '(connection error, no body)'}\n`);
  }
}

/** route × process → CPU ms per request: the median over rounds of each cell, and of each round's total. */
export function cpuTable(ms: Measurement[], routes: Route[], columns: string[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const r of routes) {
    for (const side of ['stack', 'floor'] as const) {
      const runs = of(ms, r.name, side);
      if (!runs.length) continue;
      const row: Record<string, number> = {};
      for (const col of columns) {
        const values = runs.map((m) => m.cpuMsPerRequest[col]).filter((v): v is number => v !== undefined);
        if (values.length) row[col] = round(median(values), 3); // a process not in this run: a blank cell
      }
      row.total = round(median(runs.map((m) => Object.values(m.cpuMsPerRequest).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0))), 3);
      table[`${r.name} ${side}`] = row;
    }
  }
  return table;
}

const COLUMN_ORDER = [...SERVICE_NAMES, 'gateway', 'rest-edge', 'kafka', POSTGRES, 'floor'];

/** Every process measured in any run, in stack order. */
export function cpuColumns(ms: Measurement[]): string[] {
  const seen = new Set(ms.flatMap((m) => Object.keys(m.cpuMsPerRequest)));
  return [...COLUMN_ORDER.filter((c) => seen.has(c)), ...[...seen].filter((c) => !COLUMN_ORDER.includes(c))];
}

export interface Target {
  target: string;
  measured: string;
  result: 'pass' | 'FAIL' | 'n/a' | 'info';
}

export function judge(target: string, value: number | null | undefined, pass: (v: number) => boolean, show: (v: number) => string): Target {
  if (value === null || value === undefined || !Number.isFinite(value)) return { target, measured: 'not measured', result: 'n/a' };
  return { target, measured: show(value), result: pass(value) ? 'pass' : 'FAIL' };
}
