import fs from 'node:fs';
import path from 'node:path';
import { createAccount, findKeyOwner, type CreatedAccount } from '../../rest-edge/src/db/accounts';
import { createPrismaClient } from '../../rest-edge/src/db/client';
import { applyMigrations } from './migrations';
import { databaseUrl, EDGE_DATABASE, ROOT, RUN_DIR } from './topology';

/** Accounts live in the edge's database; this makes sure it exists and is migrated first. */
export async function withEdgeDatabase<T>(fn: (prisma: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const url = process.env.EDGE_DATABASE_URL ?? databaseUrl(EDGE_DATABASE);
  await applyMigrations({ serviceDir: path.join(ROOT, 'rest-edge'), databaseUrl: url });
  const prisma = createPrismaClient(url);
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export function newAccount(name: string): Promise<CreatedAccount> {
  return withEdgeDatabase((prisma) => createAccount(prisma, name));
}

/**
 * The development account `pnpm start` prints: made once, its keys kept in .run/dev-account.json
 * (git-ignored; the database holds only their hashes), reused while they still authenticate.
 */
export async function ensureDevAccount(): Promise<CreatedAccount> {
  const file = path.join(RUN_DIR, 'dev-account.json');
  return withEdgeDatabase(async (prisma) => {
    if (fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as CreatedAccount;
      if ((await findKeyOwner(prisma, saved.secret_key))?.account === saved.id) return saved;
    }
    const account = await createAccount(prisma, 'Development');
    fs.mkdirSync(RUN_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(account, null, 2), { mode: 0o600 });
    return account;
  });
}
