/**
 * Create the next migration of a service from its prisma/schema.prisma (the `prisma migrate dev
 * --create-only` of this repo; the native engine it needs cannot be downloaded here).
 *
 *   tsx infra/src/migration-new.ts <serviceDir> <name>
 *   e.g. tsx infra/src/migration-new.ts services/customer add_customer_phone
 *
 * Replays the existing migrations into a scratch database on the local PostgreSQL server (override
 * with PAYGATE_PG_SERVER_URL, default postgresql://postgres@127.0.0.1:5432), diffs it against the
 * schema, writes <serviceDir>/prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql and prints
 * that folder. Prints nothing to stdout and exits 0 when the schema has no changes.
 * Apply with `pnpm db:migrate`.
 */
import path from 'node:path';

import { createMigration, DEFAULT_SERVER_URL } from './migrations';

async function main(argv: string[]): Promise<number> {
  const [serviceDir, name, ...rest] = argv;
  if (!serviceDir || !name || rest.length) {
    process.stderr.write('usage: tsx infra/src/migration-new.ts <serviceDir> <name>\n');
    return 2;
  }
  const folder = await createMigration({
    serviceDir: path.resolve(serviceDir),
    name,
    serverUrl: process.env.PAYGATE_PG_SERVER_URL || DEFAULT_SERVER_URL,
  });
  if (folder === null) {
    process.stderr.write(`No schema changes in ${path.join(serviceDir, 'prisma', 'schema.prisma')}: no migration created.\n`);
    return 0;
  }
  const relative = path.relative(process.cwd(), folder);
  process.stdout.write(`${relative && !relative.startsWith('..') ? relative : folder}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
