/**
 * What the runtime image holds besides node_modules, assembled in one place so the Dockerfile, the
 * unit test and a check on a host agree (docs/images.md):
 *
 *   tsx infra/src/image.ts <out>     # after `pnpm build`: <out>/<package>/dist/…, <out>/image/…
 *
 * Per process (build.ts ENTRIES): its bundle `dist/main.js` (+ .map) and the assets beside it
 * (a subgraph's dist/schema.graphql). The gateway composes the supergraph from every subgraph's
 * `services/<name>/src/schema.graphql` (gateway/src/subgraphs.ts), so those come too. Then
 * infra/image/{entry,healthcheck,check}.js and `image/processes.json`: each process's name, folder,
 * default port (topology.ts portsFrom(4000), as `pnpm start`) and the files it reads at start.
 * No TypeScript source, no generated client (bundled), no dev dependency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES, subgraphSchemaPath } from '../../gateway/src/subgraphs';
import { ENTRIES } from './build';
import { portsFrom, ROOT } from './topology';

export interface ImageProcess {
  /** PAYGATE_SERVICE value: a subgraph's name, `gateway` or `rest-edge`. */
  name: string;
  /** Package folder, relative to the image's /app (= the repo root). */
  dir: string;
  /** The port it listens on when PORT is not set. */
  port: number;
  /** Files (relative to /app) it reads at start. */
  reads: string[];
}

/** The files in infra/image/ that the image carries, to /app/image/. */
export const IMAGE_SCRIPTS = ['entry.js', 'healthcheck.js', 'check.js'];

export function imageProcesses(): ImageProcess[] {
  const ports = portsFrom(4000);
  const gatewaySchemas = SUBGRAPH_NAMES.map((name) => path.relative(ROOT, subgraphSchemaPath(name, path.join(ROOT, 'services'))).split(path.sep).join('/'));
  return ENTRIES.map((entry) => {
    const name = path.basename(entry.dir);
    const assets = (entry.assets ?? []).map((asset) => `${entry.dir}/dist/${asset}`);
    if (name === 'gateway') return { name, dir: entry.dir, port: ports.gateway, reads: gatewaySchemas };
    if (name === 'rest-edge') return { name, dir: entry.dir, port: ports.edge, reads: assets };
    const port = (ports.services as Record<string, number>)[name];
    if (port === undefined) throw new Error(`no port for ${entry.dir} in topology.ts`);
    return { name, dir: entry.dir, port, reads: assets };
  });
}

/** Every file of the image's /app outside node_modules and image/processes.json, relative to the repo root. */
export function runtimeFiles(processes = imageProcesses()): string[] {
  const files = new Set<string>();
  for (const proc of processes) {
    files.add(`${proc.dir}/dist/main.js`);
    files.add(`${proc.dir}/dist/main.js.map`);
    // The tracing preload every bundle requires first (build.ts BANNER): without it no process starts.
    files.add(`${proc.dir}/dist/tracing.js`);
    for (const file of proc.reads) files.add(file);
  }
  for (const script of IMAGE_SCRIPTS) files.add(`infra/image/${script}`);
  return [...files].sort();
}

/** Copies the runtime files (infra/image/* to image/*) and writes image/processes.json under `out`. */
export function stageRuntime(out: string): string[] {
  const processes = imageProcesses();
  const written: string[] = [];
  for (const file of runtimeFiles(processes)) {
    const target = file.startsWith('infra/image/') ? `image/${file.slice('infra/image/'.length)}` : file;
    const source = path.join(ROOT, file);
    if (!fs.existsSync(source)) throw new Error(`${file} is missing (run \`pnpm build\` first)`);
    fs.mkdirSync(path.dirname(path.join(out, target)), { recursive: true });
    fs.copyFileSync(source, path.join(out, target));
    written.push(target);
  }
  const manifest = Object.fromEntries(processes.map(({ name, ...spec }) => [name, spec]));
  fs.writeFileSync(path.join(out, 'image', 'processes.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  written.push('image/processes.json');
  return written;
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: tsx infra/src/image.ts <out>\n');
    process.exit(2);
  }
  const written = stageRuntime(path.resolve(out));
  process.stdout.write(`image: ${written.length} files staged in ${out}\n`);
}
