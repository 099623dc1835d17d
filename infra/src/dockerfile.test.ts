/**
 * What the images and docker-compose.yml must keep true, checked without a Docker engine (CI has
 * none): the Dockerfile is clean under the strict linter, its runtime stage is Node 24 running as a
 * non-root user with a health check, and every long-running process (topology.ts SERVICE_NAMES,
 * the gateway, the edge) is a compose service on that image with resource limits, a restart policy,
 * a health check and the environment names the code reads. docs/images.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { subgraphUrlVariable } from '../../gateway/src/subgraphs';
import { ENTRIES, NODE_ARGS, NODE_ENV_DEFAULTS } from './build';
import { IMAGE_SCRIPTS, imageProcesses, runtimeFiles } from './image';
import { lintDockerfile } from './lint-dockerfile';
import { portsFrom, ROOT, SERVICE_NAMES } from './topology';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// The Dockerfile, as stages of instructions (continuation lines joined, comments dropped).
// ---------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  base: string;
  name: string | undefined;
  instructions: Instruction[];
}

function dockerfileStages(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (pending && line.startsWith('#')) continue; // a comment inside a continued instruction
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, base = '', name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ base, name, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const last = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
const jsonArgs = (instruction: Instruction | undefined) => JSON.parse(instruction!.args.replace(/^(--\S+\s+)*(CMD\s+)?/, '')) as string[];

// ---------------------------------------------------------------------------------------------
// docker-compose.yml, through the subset of YAML it is written in: block mappings and block lists,
// scalars (plain or quoted; flow collections stay strings), comments, `&anchor` on a block and
// `<<: *anchor` merges (explicit keys win, as in YAML). Not a YAML parser: a test of this one file.
// ---------------------------------------------------------------------------------------------

type YamlNode = string | YamlNode[] | YamlMap;
interface YamlMap {
  [key: string]: YamlNode;
}

function parseComposeYaml(text: string): YamlMap {
  const lines = text
    .split('\n')
    .map((raw) => ({ indent: raw.length - raw.trimStart().length, content: raw.trim() }))
    .filter((l) => l.content !== '' && !l.content.startsWith('#'));
  const anchors = new Map<string, YamlNode>();
  let i = 0;
  const at = (n: number) => lines[n]!;

  const scalar = (value: string): YamlNode => {
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) return quoted[2] ?? '';
    if (value.startsWith('[')) {
      try {
        return JSON.parse(value) as string[]; // a flow list of double-quoted strings, e.g. a healthcheck test
      } catch {
        return value; // e.g. [backend]
      }
    }
    return value.replace(/\s+#.*$/, '');
  };

  function block(indent: number): YamlNode {
    if (at(i).content.startsWith('- ')) {
      const list: YamlNode[] = [];
      while (i < lines.length && at(i).indent === indent && at(i).content.startsWith('- ')) {
        list.push(scalar(at(i).content.slice(2).trim()));
        i++;
      }
      return list;
    }
    const explicit: YamlMap = {};
    const merged: YamlMap = {};
    while (i < lines.length && at(i).indent === indent) {
      const match = /^([^\s:][^:]*?):(?:\s+(.*))?$/.exec(at(i).content);
      if (!match) throw new Error(`docker-compose.yml: cannot read line '${at(i).content}'`);
      const [, key = '', rawValue = ''] = match;
      const value = rawValue.replace(/^#.*$/, '').trim();
      i++;
      if (key === '<<') {
        const anchor = anchors.get(value.replace(/^\*/, ''));
        if (anchor === undefined) throw new Error(`docker-compose.yml: unknown anchor ${value}`);
        Object.assign(merged, structuredClone(anchor));
      } else if (value === '' || value.startsWith('&')) {
        const nested = i < lines.length && at(i).indent > indent ? block(at(i).indent) : '';
        if (value.startsWith('&')) anchors.set(value.slice(1), nested);
        explicit[key] = nested;
      } else {
        explicit[key] = scalar(value);
      }
    }
    return { ...merged, ...explicit };
  }

  return block(0) as YamlMap;
}

const map = (node: YamlNode | undefined): YamlMap => (node && typeof node === 'object' && !Array.isArray(node) ? node : {});

/** Environment names a process's code reads: the keys of its env schema (and the chassis' for a subgraph). */
function namesRead(dir: string): Set<string> {
  const keys = (file: string) => (fs.existsSync(path.join(ROOT, file)) ? [...read(file).matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*:/gm)].map((m) => m[1]!) : []);
  const names = new Set(keys(`${dir}/src/env.ts`));
  if (dir.startsWith('services/')) for (const name of keys('services/chassis/src/env.ts')) names.add(name);
  if (dir === 'gateway') for (const name of SERVICE_NAMES) names.add(subgraphUrlVariable(name));
  return names;
}

/** Names infra/src/stack.ts (`pnpm start`) passes: its object keys, the local secrets, the gateway's subgraph URLs. */
function namesStackPasses(): Set<string> {
  const names = new Set([...read('infra/src/stack.ts').matchAll(/\b([A-Z][A-Z0-9_]+):/g)].map((m) => m[1]!));
  const secrets = /interface LocalSecrets \{([\s\S]*?)\n\}/.exec(read('infra/src/topology.ts'))?.[1] ?? '';
  if (!secrets.includes('PAYGATE_CONTEXT_SECRET')) throw new Error('topology.ts: interface LocalSecrets not found');
  for (const m of secrets.matchAll(/^\s*([A-Z][A-Z0-9_]+):/gm)) names.add(m[1]!);
  for (const name of SERVICE_NAMES) names.add(subgraphUrlVariable(name));
  return names;
}

/** What `pnpm start` passes that compose leaves out on purpose: HTTPS is not wired in compose, and the rate-limit key prefix separates local stacks. */
const LOCAL_STACK_ONLY = new Set(['TLS_PORT', 'PAYGATE_TLS_CERT_FILE', 'PAYGATE_TLS_KEY_FILE', 'PAYGATE_RATE_LIMIT_KEY_PREFIX']);

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = dockerfileStages(text);
  const stage = (name: string) => stages.find((s) => s.name === name)!;

  it('has no findings under the strict linter (pnpm lint:docker)', () => {
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('ends with the runtime stage, on Node 24 LTS, and has a tools stage', () => {
    expect(stages.at(-1)!.name).toBe('runtime');
    expect(stage('runtime').base).toMatch(/^node:24(\.|-|$)/);
    expect(stage('tools')).toBeDefined();
    // Every stage from an image (not from another stage) is on a pinned Node 24 tag: the bundles are
    // built on the Node they run on.
    const fromImages = stages.filter((s) => !stages.some((other) => other.name === s.base));
    for (const s of fromImages) expect(s.base).toMatch(/^node:24(\.|-)[\w.-]+$/);
  });

  it.each(['runtime', 'tools'])('%s runs as a user that is not root', (name) => {
    const user = last(stage(name), 'USER');
    expect(user).toBeDefined();
    expect(user!.args.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('the runtime stage has a health check, stops on SIGTERM, and starts a process as stack.ts does', () => {
    const runtime = stage('runtime');
    const healthcheck = last(runtime, 'HEALTHCHECK')!;
    expect(healthcheck.args).not.toMatch(/^NONE$/i);
    expect(jsonArgs(healthcheck)).toEqual(['node', '/app/image/healthcheck.js']);
    expect(last(runtime, 'STOPSIGNAL')!.args).toBe('SIGTERM');
    expect(jsonArgs(last(runtime, 'CMD'))).toEqual(['node', ...NODE_ARGS, '/app/image/entry.js']);
    const env = runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    for (const [name, value] of Object.entries(NODE_ENV_DEFAULTS)) expect(env).toContain(`${name}=${value}`);
    expect(env).toContain('NODE_ENV=production');
    // The image checks while it is built that every bundle's packages load from its own tree.
    expect(runtime.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('/app/image/check.js'))).toBe(true);
  });

  it('the runtime stage takes node_modules from the production install and the rest from the staged files only', () => {
    const copies = stage('runtime').instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.map((c) => c.args)).toEqual(['--from=prod-deps /app/node_modules/ node_modules/', '--from=build /image/ ./']);
    expect(stage('prod-deps').instructions.some((i) => i.keyword === 'RUN' && /pnpm install --prod --frozen-lockfile/.test(i.args))).toBe(true);
  });
});

describe('image contents (infra/src/image.ts)', () => {
  it('names every long-running process, with the ports of `pnpm start`', () => {
    const processes = imageProcesses();
    expect(processes.map((p) => p.name)).toEqual([...SERVICE_NAMES, 'gateway', 'rest-edge']);
    const ports = portsFrom(4000);
    expect(Object.fromEntries(processes.map((p) => [p.name, p.port]))).toEqual({ ...ports.services, gateway: ports.gateway, 'rest-edge': ports.edge });
  });

  it('holds each bundle, its assets, the SDL the gateway composes from, and the image scripts', () => {
    const files = runtimeFiles();
    for (const entry of ENTRIES) {
      expect(files).toContain(`${entry.dir}/dist/main.js`);
      for (const asset of entry.assets ?? []) expect(files).toContain(`${entry.dir}/dist/${asset}`);
    }
    for (const name of SERVICE_NAMES) expect(files).toContain(`services/${name}/src/schema.graphql`);
    for (const script of IMAGE_SCRIPTS) expect(fs.existsSync(path.join(ROOT, 'infra', 'image', script))).toBe(true);
    // Compiled JavaScript only: no TypeScript source in the runtime image.
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = parseComposeYaml(read('docker-compose.yml'));
  const services = map(compose.services);
  const processes = imageProcesses();
  const passed = namesStackPasses();

  it('keeps the infrastructure and the one-shot init', () => {
    for (const name of ['postgres', 'kafka', 'redis', 'init']) expect(services[name]).toBeDefined();
  });

  it.each(processes.map((p) => [p.name, p] as const))('%s runs the runtime image with limits, a restart policy and a health check', (name, proc) => {
    const service = map(services[name]);
    expect(service.image).toBe('${PAYGATE_IMAGE:-paygate:local}');
    expect(map(service.build).target).toBe('runtime');
    expect(service.restart).toBe('unless-stopped');
    const limits = map(map(map(service.deploy).resources).limits);
    expect(Number(limits.cpus)).toBeGreaterThan(0);
    expect(limits.memory).toMatch(/^\d+[MG]$/);
    expect(map(service.healthcheck).test).toEqual(['CMD', 'node', '/app/image/healthcheck.js']);
    const env = map(service.environment);
    expect(env.PAYGATE_SERVICE).toBe(name);
    expect(env.PORT).toBe(String(proc.port));
  });

  it.each(processes.map((p) => [p.name, p] as const))('%s gets the environment names of `pnpm start` that its code reads, and no other', (name, proc) => {
    const env = Object.keys(map(map(services[name]).environment));
    const read = namesRead(proc.dir);
    // Every name compose sets is one the process reads (a misspelt name would be ignored silently)…
    // (OTEL_* are the OpenTelemetry SDK's standard variables, read by the SDK, not by our code.)
    expect(env.filter((n) => n !== 'PAYGATE_SERVICE' && !n.startsWith('OTEL_') && !read.has(n))).toEqual([]);
    // …and every name `pnpm start` gives it that its code reads is set here too.
    const expected = [...read].filter((n) => passed.has(n) && !LOCAL_STACK_ONLY.has(n));
    expect(expected.filter((n) => !env.includes(n))).toEqual([]);
  });

  it('runs init from the tools image, restarted on failure, with limits', () => {
    const init = map(services.init);
    expect(init.image).toBe('${PAYGATE_TOOLS_IMAGE:-paygate-tools:local}');
    expect(map(init.build).target).toBe('tools');
    expect(init.restart).toBe('on-failure');
    const limits = map(map(map(init.deploy).resources).limits);
    expect(Number(limits.cpus)).toBeGreaterThan(0);
    expect(limits.memory).toMatch(/^\d+[MG]$/);
  });

  it('gives the infrastructure limits and a restart policy too', () => {
    for (const name of ['postgres', 'kafka', 'redis']) {
      const service = map(services[name]);
      expect(service.restart).toBe('unless-stopped');
      expect(map(map(map(service.deploy).resources).limits).memory).toMatch(/^\d+[MG]$/);
    }
  });
});
