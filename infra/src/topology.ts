import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The whole system in one table: every process `pnpm start` and the tests run, its port and its
 * database. docker-compose.yml describes the same topology for containers.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
export const RUN_DIR = path.join(ROOT, '.run');
export const LOG_DIR = path.join(RUN_DIR, 'logs');

export const SERVICE_NAMES = ['customer', 'session', 'invoice', 'charge', 'refund', 'balance', 'payout'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Ports {
  edge: number;
  /** The edge's Prometheus port (internal; the public port serves no /metrics). */
  edgeMetrics: number;
  gateway: number;
  services: Record<ServiceName, number>;
}

/** Development ports: edge 4000, gateway 4001, subgraphs 4101–4107. Tests use base 5000. */
export function portsFrom(base: number): Ports {
  return {
    edge: base,
    edgeMetrics: base + 90,
    gateway: base + 1,
    services: Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, base + 101 + i])) as Record<ServiceName, number>,
  };
}

export const PG_SERVER_URL = process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function databaseUrl(database: string): string {
  return `${PG_SERVER_URL.replace(/\/$/, '')}/${database}`;
}

export const EDGE_DATABASE = 'paygate_edge';
export const serviceDatabase = (name: ServiceName) => `paygate_${name}`;

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
}

/** Development secrets, made once per checkout and kept in .run/ (git-ignored), so fingerprints stay stable. */
export function localSecrets(): LocalSecrets {
  const file = path.join(RUN_DIR, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets = {
    PAYGATE_CONTEXT_SECRET: randomBytes(32).toString('base64url'),
    PAYGATE_CARD_FINGERPRINT_KEY: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
