// Prisma CLI configuration for this service (every service copies this file unchanged).
import path from 'node:path';

import { defineConfig } from 'prisma/config';

// Prisma's native schema-engine binary cannot be downloaded here, and the CLI tries to download it
// before generate/validate/format/migrate unless this names an existing file. The stub exits 1, so
// `prisma generate` works and `prisma migrate *` / `prisma db push` fail loudly instead of pretending
// to succeed. Migrations run through `pnpm db:migrate` (Prisma's wasm engine, infra/src/migrations.ts).
// Where the binary host is reachable, set PRISMA_SCHEMA_ENGINE_BINARY yourself (or leave it unset and
// delete this line) to use plain `prisma migrate`: it reads and writes the same migrations and table.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, '..', '..', 'infra', 'prisma', 'schema-engine-stub.sh');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    // Not env('DATABASE_URL'): that throws when unset, which breaks `prisma generate`.
    url: process.env.DATABASE_URL ?? '',
  },
});
