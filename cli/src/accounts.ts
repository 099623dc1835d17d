import fs from 'node:fs';
import { devAccountFile, readDevAccount } from './config';
import { CliError } from './errors';
import { formatDuration } from './duration';

/**
 * The operator's commands: accounts and keys live in the edge's own database (rest-edge/src/db),
 * reached through infra's withEdgeDatabase (which migrates it first). Loaded on demand: listen and
 * trigger never pay for Prisma and the schema engine.
 */
const edgeDb = async (): Promise<typeof import('../../infra/src/accounts')> => require('../../infra/src/accounts');
const edgeAccounts = async (): Promise<typeof import('../../rest-edge/src/db/accounts')> => require('../../rest-edge/src/db/accounts');

type Out = (line: string) => void;

export async function createAccountCommand(name: string, out: Out): Promise<void> {
  const { newAccount } = await edgeDb();
  const account = await newAccount(name);
  out(JSON.stringify({ id: account.id, name: account.name, secret_key: account.secret_key, publishable_key: account.publishable_key }, null, 2));
}

export async function listAccountsCommand(json: boolean, out: Out): Promise<void> {
  const [{ withEdgeDatabase }, { listAccounts }] = await Promise.all([edgeDb(), edgeAccounts()]);
  const accounts = await withEdgeDatabase((prisma) => listAccounts(prisma));
  const keysOf = (a: (typeof accounts)[number]) =>
    a.activeKeys.map((k) => ({ type: k.type, last4: k.last4, ...(k.revokedAt ? { revokes_at: Math.floor(k.revokedAt.getTime() / 1000) } : {}) }));
  if (json) {
    out(JSON.stringify(accounts.map((a) => ({ id: a.id, name: a.name, created: Math.floor(a.createdAt.getTime() / 1000), active_keys: keysOf(a) })), null, 2));
    return;
  }
  if (accounts.length === 0) return out('no accounts (make one with: pnpm paygate accounts create --name "Acme")');
  const keyText = (a: (typeof accounts)[number]) =>
    a.activeKeys.map((k) => `${k.type === 'secret' ? 'sk' : 'pk'}_…${k.last4}${k.revokedAt ? ` (until ${k.revokedAt.toISOString()})` : ''}`).join(', ') || '(none)';
  const rows = [['ID', 'NAME', 'CREATED', 'ACTIVE KEYS'], ...accounts.map((a) => [a.id, a.name, a.createdAt.toISOString().replace(/\.\d+Z$/, 'Z'), keyText(a)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) out(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

export interface RollOptions {
  account?: string;
  /** The key the command was given (--api-key / PAYGATE_API_KEY / the dev account's): whose account, unless --account. */
  apiKey?: string;
  graceMs: number;
  /** How long an edge may still accept a revoked key from its cache (rest-edge KEY_CACHE_TTL_MS). */
  cacheTtlMs: number;
}

export async function rollKeyCommand(options: RollOptions, out: Out): Promise<void> {
  const [{ withEdgeDatabase }, { findKeyOwner, rollSecretKey }] = await Promise.all([edgeDb(), edgeAccounts()]);
  const rolled = await withEdgeDatabase(async (prisma) => {
    let account = options.account;
    if (!account) {
      if (!options.apiKey) throw new CliError('keys roll: give --account acct_… or an API key of the account (--api-key, PAYGATE_API_KEY)');
      const owner = await findKeyOwner(prisma, options.apiKey);
      if (!owner) throw new CliError('keys roll: the API key is unknown or revoked; give --account acct_…');
      account = owner.account;
    }
    try {
      return await rollSecretKey(prisma, account, options.graceMs);
    } catch (err) {
      if ((err as Error).message.startsWith('No such account')) throw new CliError(`keys roll: no such account: ${account}`);
      throw err;
    }
  });
  const dev = readDevAccount();
  // The development account's file must keep a key that works (pnpm start reuses it while it authenticates).
  const updatedDevFile = !!dev && dev.id === rolled.account;
  if (updatedDevFile) fs.writeFileSync(devAccountFile(), JSON.stringify({ ...dev, secret_key: rolled.secret_key }, null, 2), { mode: 0o600 });
  out(JSON.stringify({ account: rolled.account, secret_key: rolled.secret_key }, null, 2));
  const cache = formatDuration(options.cacheTtlMs);
  for (const old of rolled.revoked) {
    const when = options.graceMs === 0 ? 'now' : `at ${old.revokedAt.toISOString()} (in ${formatDuration(old.revokedAt.getTime() - Date.now())})`;
    out(`old secret key sk_test_…${old.last4} is revoked ${when}; edges may accept it for up to ${cache} more (their key cache)`);
  }
  if (updatedDevFile) out(`updated ${devAccountFile()} with the new key`);
  out('The new key is shown this once: store it now.');
}
