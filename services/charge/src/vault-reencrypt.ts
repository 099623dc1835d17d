import { createPrismaClient } from './db/client';
import { reencryptVault } from './db/vault';
import { loadVaultEnv } from './env';

/**
 * Key rotation, step 2: after a new key was put FIRST in PAYGATE_VAULT_KEYS (and the service
 * restarted), move every card still under an older key to it; then the old key can be removed.
 * Small transactions, safe to interrupt and to run again. Prints counts, never card data.
 */
async function main(): Promise<void> {
  const env = loadVaultEnv();
  const prisma = createPrismaClient(env.DATABASE_URL);
  try {
    const report = await reencryptVault(prisma, env.PAYGATE_VAULT_KEYS, 100);
    process.stdout.write(`vault:reencrypt: ${report.reencrypted} card(s) re-encrypted under '${env.PAYGATE_VAULT_KEYS.currentKeyId}', ${report.remaining} left under other keys\n`);
    if (report.remaining > 0) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`vault:reencrypt failed: ${err.message}\n`);
  process.exit(1);
});
