/**
 * Compiles every long-running process to one JavaScript file (`<package>/dist/main.js`), so
 * nothing transpiles TypeScript at run time: `pnpm start`, the test stack and the containers run
 * `node dist/main.js`. The workspace's own code (`@paygate/*`, the generated Prisma clients) is
 * bundled in; every npm package stays a package, required by a path relative to the output file,
 * because pnpm links a dependency only into the package that declares it (the chassis' kafkajs is
 * not reachable from services/customer by name).
 *
 *   pnpm build            # ~1 s; `pnpm start` and the tests run it first
 *
 * Source maps are written beside each file but not enabled at run time: Node's source-map support
 * makes every `new Error()` pay for mapping its stack, and errors are on the hot path (declines,
 * GraphQL errors). Run with `node --enable-source-maps dist/main.js` when reading a stack trace.
 *
 * Every bundle starts by keeping WebAssembly on V8's baseline compiler (Liftoff): Prisma's query
 * compiler is WebAssembly, and its optimised (TurboFan) tier held 40–65 MB more per process — 8 of
 * the 9 processes load it — for no CPU per query that we could measure (Prisma findFirst: ~500 µs of
 * CPU either way on this machine).
 */
/**
 * How every process is started (stack.ts, docker-compose.yml): a 4 MB young-generation semi-space
 * instead of V8's 16 MB, and two malloc arenas instead of one per thread. Under load each process
 * grew ~30 MB less, which is what brought the ten processes of the stack under 1.5 GiB; the extra
 * scavenges did not show in CPU per request.
 */
export const NODE_ARGS = ['--max-semi-space-size=4'];
export const NODE_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };

/**
 * Then the tracing preload (`dist/tracing.js`, built beside each bundle from
 * services/chassis/src/tracing-preload.ts): OpenTelemetry's instrumentations patch pg, kafkajs,
 * express, undici and graphql as they are required, so they must be in place before the bundle's
 * first require. With tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_TRACES_EXPORTER) it reads
 * the environment and returns: no SDK is loaded.
 */
const BANNER = `require('node:v8').setFlagsFromString('--liftoff-only'); require('./tracing.js');`;
const TRACING_PRELOAD = 'services/chassis/src/tracing-preload.ts';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ROOT, SERVICE_NAMES } from './topology';

export interface Entry {
  /** Package folder, relative to the repo root. */
  dir: string;
  /** Files beside the entry that the code reads by `__dirname` at run time. */
  assets?: string[];
}

export const ENTRIES: Entry[] = [
  ...SERVICE_NAMES.map((name) => ({ dir: `services/${name}`, assets: ['schema.graphql'] })),
  { dir: 'gateway' },
  { dir: 'rest-edge' },
];

/** The file a process runs: `<dir>/dist/main.js`. */
export function entryFile(dir: string): string {
  return path.join(ROOT, dir, 'dist', 'main.js');
}

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** npm packages stay external, required by a relative path from the output to where the importer resolves them. */
function externalPackages(outdir: string): Plugin {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@paygate/')) return undefined; // workspace code: bundle it
        if (BUILTINS.has(args.path)) return { path: args.path, external: true };
        const resolved = require.resolve(args.path, { paths: [args.resolveDir] });
        let relative = path.relative(outdir, resolved).split(path.sep).join('/');
        if (!relative.startsWith('.')) relative = `./${relative}`;
        return { path: relative, external: true };
      });
    },
  };
}

export async function buildAll(log: (line: string) => void = () => {}): Promise<void> {
  const began = Date.now();
  await Promise.all(
    ENTRIES.map(async (entry) => {
      const outdir = path.join(ROOT, entry.dir, 'dist');
      fs.mkdirSync(outdir, { recursive: true });
      const processName = path.basename(entry.dir);
      await build({
        entryPoints: [path.join(ROOT, TRACING_PRELOAD)],
        outfile: path.join(outdir, 'tracing.js'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        logLevel: 'warning',
        define: { PAYGATE_PROCESS_NAME: JSON.stringify(processName) },
        plugins: [externalPackages(outdir)],
      });
      await build({
        entryPoints: [path.join(ROOT, entry.dir, 'src', 'main.ts')],
        outfile: path.join(outdir, 'main.js'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: 'linked',
        logLevel: 'warning',
        banner: { js: BANNER },
        // Workspace packages resolve to their TypeScript sources (package.json "main": "src/index.ts").
        plugins: [externalPackages(outdir)],
      });
      for (const asset of entry.assets ?? []) fs.copyFileSync(path.join(ROOT, entry.dir, 'src', asset), path.join(outdir, asset));
    }),
  );
  log(`built ${ENTRIES.length} processes to dist/main.js in ${Date.now() - began} ms`);
}

if (require.main === module) {
  buildAll((line) => process.stdout.write(`${line}\n`)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
