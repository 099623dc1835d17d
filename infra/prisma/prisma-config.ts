import path from 'node:path';

/**
 * The Prisma CLI configuration every package with a database uses (its prisma.config.ts wraps
 * this in `defineConfig`). Kept free of imports the infra package does not have.
 *
 * Prisma's native schema-engine binary cannot be downloaded here, and the CLI tries to download it
 * before generate/validate/format/migrate unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file.
 * The stub exits 1, so `prisma generate` works and `prisma migrate *` / `prisma db push` fail loudly
 * instead of pretending to succeed. Migrations run through `pnpm db:migrate` (Prisma's wasm engine,
 * infra/src/migrations.ts). Where the binary host is reachable, set PRISMA_SCHEMA_ENGINE_BINARY
 * yourself to use plain `prisma migrate`: it reads and writes the same migrations and table.
 */
export function prismaConfigFor(packageDir: string) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'schema-engine-stub.sh');
  return {
    schema: path.join(packageDir, 'prisma', 'schema.prisma'),
    migrations: { path: path.join(packageDir, 'prisma', 'migrations') },
    // Not env('DATABASE_URL'): that throws when unset, which breaks `prisma generate`.
    datasource: { url: process.env.DATABASE_URL ?? '' },
  };
}
