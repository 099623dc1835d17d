import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { RUN_DIR } from '../../infra/src/topology';
import { CliError, usageError } from './errors';

/** Where `pnpm start` keeps the development account's keys (infra/src/accounts.ts ensureDevAccount). */
export const devAccountFile = () => path.join(RUN_DIR, 'dev-account.json');

export const DEFAULT_API_BASE = 'http://127.0.0.1:4000';

export interface GlobalOptions {
  apiKey?: string;
  apiBase: string;
}

interface DevAccount {
  id: string;
  name?: string;
  secret_key: string;
  publishable_key?: string;
}

export function readDevAccount(): DevAccount | null {
  try {
    const saved = JSON.parse(fs.readFileSync(devAccountFile(), 'utf8')) as DevAccount;
    return typeof saved.secret_key === 'string' ? saved : null;
  } catch {
    return null;
  }
}

/** --api-key, else PAYGATE_API_KEY (commander reads it), else the development account's secret key. */
export function resolveApiKey(options: GlobalOptions): string {
  const key = options.apiKey ?? readDevAccount()?.secret_key;
  if (!key) throw new CliError(`no API key: pass --api-key sk_test_…, set PAYGATE_API_KEY, or run pnpm start once (it writes ${devAccountFile()})`);
  if (!/^sk_test_[0-9A-Za-z]{8,128}$/.test(key)) throw usageError('--api-key must be a secret key (sk_test_…)');
  return key;
}

export function resolveApiBase(options: GlobalOptions): URL {
  let url: URL;
  try {
    url = new URL(options.apiBase);
  } catch {
    throw usageError(`--api-base is not a URL: ${options.apiBase}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError('--api-base must be an http:// or https:// URL');
  return url;
}

/** `base` + path, keeping a base path (http://host/prefix → http://host/prefix/v1/events). */
export function apiUrl(base: URL, pathname: string): URL {
  return new URL(`${base.pathname.replace(/\/$/, '')}${pathname}`, base);
}

/** The official SDK pointed at our host, as the tests use it. */
export function stripeClient(key: string, base: URL): Stripe {
  const protocol = base.protocol === 'https:' ? 'https' : 'http';
  return new Stripe(key, {
    host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(base.port || (protocol === 'https' ? 443 : 80)),
    protocol,
    maxNetworkRetries: 2,
    telemetry: false,
    appInfo: { name: 'paygate-cli' },
  });
}
