# One image for every Paygate process: the seven subgraphs, the gateway, the REST edge and the
# one-shot `init` (Kafka topics + every database's migrations). docker-compose.yml picks the process
# with working_dir + command, exactly as infra/src/stack.ts launches them:
#   cd <package dir> && node dist/main.js
# Compiled JavaScript, no TypeScript at run time: `pnpm build` (infra/src/build.ts, esbuild) bundles
# each long-running process into <package>/dist/main.js (+ main.js.map; services also get
# dist/schema.graphql). npm packages stay external, required by relative paths into this image's
# node_modules/.pnpm, so the bundles are built here, after `pnpm install` (.dockerignore keeps a host
# dist/ out). One-shot tools (init, accounts-create, vault-reencrypt) still run through tsx.
FROM node:24-bookworm-slim

RUN npm i -g pnpm@12.21.0

WORKDIR /app

# 1. What `pnpm install` needs, and nothing else, so this layer is rebuilt only when it changes:
#    the workspace manifests and lockfile, pnpm's patches (pnpm-workspace.yaml `patchedDependencies`:
#    without patches/ the install fails), plus what the root `postinstall`
#    (`pnpm -r run db:generate` → `prisma generate` in each package) reads: every prisma.config.ts,
#    prisma/schema.prisma, and infra/prisma/ (the shared config and the schema-engine stub).
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches/ patches/
COPY services/chassis/package.json services/chassis/
COPY services/customer/package.json services/customer/prisma.config.ts services/customer/
COPY services/customer/prisma/schema.prisma services/customer/prisma/
COPY services/session/package.json services/session/prisma.config.ts services/session/
COPY services/session/prisma/schema.prisma services/session/prisma/
COPY services/invoice/package.json services/invoice/prisma.config.ts services/invoice/
COPY services/invoice/prisma/schema.prisma services/invoice/prisma/
COPY services/charge/package.json services/charge/prisma.config.ts services/charge/
COPY services/charge/prisma/schema.prisma services/charge/prisma/
COPY services/refund/package.json services/refund/prisma.config.ts services/refund/
COPY services/refund/prisma/schema.prisma services/refund/prisma/
COPY services/balance/package.json services/balance/prisma.config.ts services/balance/
COPY services/balance/prisma/schema.prisma services/balance/prisma/
COPY services/payout/package.json services/payout/prisma.config.ts services/payout/
COPY services/payout/prisma/schema.prisma services/payout/prisma/
COPY services/events/package.json services/events/prisma.config.ts services/events/
COPY services/events/prisma/schema.prisma services/events/prisma/
COPY gateway/package.json gateway/
COPY rest-edge/package.json rest-edge/prisma.config.ts rest-edge/
COPY rest-edge/prisma/schema.prisma rest-edge/prisma/
COPY infra/package.json infra/
COPY infra/prisma/ infra/prisma/

# Dev dependencies are installed and kept: esbuild and tsx build the bundles, tsx runs the one-shot
# tools, and the prisma CLI generates the clients. So NODE_ENV=production is set only after this step
# (pnpm would skip devDependencies under it). The Prisma clients land in each package's src/db/generated.
RUN pnpm install --frozen-lockfile

# 2. The sources (.dockerignore keeps node_modules, generated clients, dist/, .run/, caches and .git out),
#    then the bundles, built against the node_modules above (the generated clients are bundled in).
COPY . .
RUN pnpm build

ENV NODE_ENV=production
# Two malloc arenas, not one per thread: as infra/src/build.ts NODE_ENV_DEFAULTS (RSS under load).
ENV MALLOC_ARENA_MAX=2

# Files stay root-owned and read-only to the process; tsx (one-shot tools only) caches under /tmp.
# Source maps are off at run time (see build.ts); NODE_OPTIONS=--enable-source-maps to read a trace.
USER node

# Default process: the REST edge (the only public door). Compose sets working_dir/command per service.
WORKDIR /app/rest-edge
EXPOSE 4000
CMD ["node", "--max-semi-space-size=4", "dist/main.js"]
