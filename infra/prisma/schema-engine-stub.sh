#!/bin/sh
# Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on these machines.
# prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here so that `prisma generate` (which only checks
# that the file exists) works. It must fail: a stub that exits 0 would make `prisma migrate deploy`
# report success while applying nothing.
echo "paygate: Prisma's native schema engine is unavailable here; run migrations with \`pnpm db:migrate\` (Prisma's wasm schema engine, infra/src/migrations.ts)."
exit 1
