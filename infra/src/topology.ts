import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The whole system in one table: every process `pnpm start` and the tests run, its port and its
 * database. docker-compose.yml describes the same topology for containers.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
/** Local state (broker data, pid files, logs, dev secrets). PAYGATE_RUN_DIR moves all of it, e.g. for a second stack beside the first. */
export const RUN_DIR = process.env.PAYGATE_RUN_DIR ? path.resolve(process.env.PAYGATE_RUN_DIR) : path.join(ROOT, '.run');
export const LOG_DIR = path.join(RUN_DIR, 'logs');

export const SERVICE_NAMES = ['customer', 'session', 'invoice', 'charge', 'refund', 'balance', 'payout', 'events'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Ports {
  edge: number;
  /** The edge's HTTPS port: HTTP/2 with HTTP/1.1 fallback (rest-edge/src/http/tls.ts). */
  edgeTls: number;
  /** The edge's Prometheus port (internal; the public port serves no /metrics). */
  edgeMetrics: number;
  gateway: number;
  services: Record<ServiceName, number>;
}

/** Development ports: edge 4000 (HTTPS 4043), gateway 4001, subgraphs 4101–4108. Tests use base 5000. */
export function portsFrom(base: number): Ports {
  return {
    edge: base,
    edgeTls: base + 43,
    edgeMetrics: base + 90,
    gateway: base + 1,
    services: Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, base + 101 + i])) as Record<ServiceName, number>,
  };
}

export const PG_SERVER_URL = process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function databaseUrl(database: string): string {
  return `${PG_SERVER_URL.replace(/\/$/, '')}/${database}`;
}

/** Databases are `<prefix>_<service>` and `<prefix>_edge`; PAYGATE_DATABASE_PREFIX (default paygate) gives a second stack databases of its own. */
const DATABASE_PREFIX = process.env.PAYGATE_DATABASE_PREFIX ?? 'paygate';
if (!/^[a-z][a-z0-9_]{0,40}$/.test(DATABASE_PREFIX)) throw new Error(`PAYGATE_DATABASE_PREFIX must be lowercase letters, digits and _: ${DATABASE_PREFIX}`);
export const EDGE_DATABASE = `${DATABASE_PREFIX}_edge`;
export const serviceDatabase = (name: ServiceName) => `${DATABASE_PREFIX}_${name}`;

/** Every database and the folder whose prisma/migrations it gets. */
export function databases(): { name: string; url: string; dir: string }[] {
  return [
    ...SERVICE_NAMES.map((name) => ({ name, url: databaseUrl(serviceDatabase(name)), dir: path.join(ROOT, 'services', name) })),
    { name: 'rest-edge', url: databaseUrl(EDGE_DATABASE), dir: path.join(ROOT, 'rest-edge') },
  ];
}

export interface LocalSecrets {
  PAYGATE_CONTEXT_SECRET: string;
  PAYGATE_CARD_FINGERPRINT_KEY: string;
  /** The card vault's AES-256-GCM keys, `keyId:base64key` (first encrypts); see services/charge/README.md. */
  PAYGATE_VAULT_KEYS: string;
  /** Seals webhook endpoints' signing secrets at rest (services/events, AES-256-GCM, 32 bytes base64). */
  PAYGATE_WEBHOOK_SECRET_KEY: string;
}

const SECRET_MAKERS: { [K in keyof LocalSecrets]: () => string } = {
  PAYGATE_CONTEXT_SECRET: () => randomBytes(32).toString('base64url'),
  PAYGATE_CARD_FINGERPRINT_KEY: () => randomBytes(32).toString('base64url'),
  PAYGATE_VAULT_KEYS: () => `dev1:${randomBytes(32).toString('base64')}`,
  PAYGATE_WEBHOOK_SECRET_KEY: () => randomBytes(32).toString('base64'),
};

/**
 * Development secrets, made once per checkout and kept in .run/ (git-ignored), so fingerprints and
 * the vault's ciphertexts stay readable. A file from before a secret existed gets that secret added.
 */
export function localSecrets(): LocalSecrets {
  const file = path.join(RUN_DIR, 'secrets.json');
  const existing: Partial<LocalSecrets> = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const missing = (Object.keys(SECRET_MAKERS) as (keyof LocalSecrets)[]).filter((name) => !existing[name]);
  if (missing.length === 0) return existing as LocalSecrets;
  const secrets = { ...existing } as LocalSecrets;
  for (const name of missing) secrets[name] = SECRET_MAKERS[name]();
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
