import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databaseUrl, localSecrets, ROOT, serviceDatabase } from './topology';

/**
 * `pnpm vault:reencrypt` on a development checkout: runs the charge service's command with this
 * checkout's database and vault keys, unless the environment names others (as ops do in containers).
 */
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? databaseUrl(serviceDatabase('charge')),
  PAYGATE_VAULT_KEYS: process.env.PAYGATE_VAULT_KEYS ?? localSecrets().PAYGATE_VAULT_KEYS,
};
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = spawnSync(tsx, [path.join(ROOT, 'services', 'charge', 'src', 'vault-reencrypt.ts')], { env, stdio: 'inherit' });
process.exit(run.status ?? 1);
