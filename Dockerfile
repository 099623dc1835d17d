# Paygate's images (docs/images.md), Node 24 LTS, in four stages:
#
#   manifests   Node 24 + pnpm and what `pnpm install` reads (shared by the two install stages)
#   build       every dependency, the Prisma clients generated, `pnpm build`, the runtime files staged
#   prod-deps   production dependencies only, of the packages the processes run, pruned
#   tools       target `tools`: the build stage as the non-root user, for the one-shot tools that
#               still run through tsx: `init` (Kafka topics + every database's migrations on Prisma's
#               wasm schema engine), accounts-create, vault-reencrypt
#   runtime     the default (last) stage: compiled JavaScript only, one image for all ten
#               long-running processes; PAYGATE_SERVICE picks one (customer, session, invoice,
#               charge, refund, balance, payout, events, gateway, rest-edge; default rest-edge)
#
#   docker build -t paygate:local .                                   # runtime
#   docker build -t paygate-tools:local --target tools .              # init and the other tools
#   docker run --rm -e PAYGATE_SERVICE=charge -e DATABASE_URL=… paygate:local
#
# The runtime stage runs what infra/src/stack.ts (`pnpm start`) runs: `node --max-semi-space-size=4
# <package>/dist/main.js` from the package folder (image/entry.js does the choosing), with
# MALLOC_ARENA_MAX=2 (build.ts NODE_ARGS, NODE_ENV_DEFAULTS). The bundles are esbuild's
# (infra/src/build.ts): workspace code and the generated Prisma clients are inside them; npm packages
# are required by relative paths into node_modules/.pnpm, resolved at build time. So the bundles are
# built here, after an install from the same lockfile as the production install (the same
# .pnpm/<package id> folders); .dockerignore keeps a host's node_modules and dist/ out. The runtime
# stage checks that every such package loads from its own pruned tree (image/check.js) before it is
# done, so an image that could not start does not build.
#
# Files stay root-owned and read-only to the processes, which run as the image's `node` user (uid
# 1000). HEALTHCHECK is a Node probe of GET /ready on the process's port (no curl in a slim image).

FROM node:24-bookworm-slim AS manifests
RUN npm install --global pnpm@12.21.0 && npm cache clean --force
WORKDIR /app
# What `pnpm install` needs, and nothing else, so the install layers are rebuilt only when it changes:
# the workspace manifests and lockfile, pnpm's patches (pnpm-workspace.yaml `patchedDependencies`:
# without patches/ the install fails), plus what the root `postinstall` (`pnpm -r run db:generate` →
# `prisma generate` in each package) reads: every prisma.config.ts, prisma/schema.prisma, and
# infra/prisma/ (the shared config and the schema-engine stub).
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
COPY cli/package.json cli/

FROM manifests AS build
# Dev dependencies too: esbuild builds the bundles, the prisma CLI generates the clients (postinstall,
# into each package's src/db/generated), tsx runs the staging script here and the tools in `tools`.
# The package store is a build cache, shared with prod-deps, not a layer.
RUN --mount=type=cache,id=paygate-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
# The sources (.dockerignore keeps node_modules, generated clients, dist/, .run/, caches and .git out),
# then the bundles, then /image: the bundles, the SDL files the processes read, infra/image/*.js and
# image/processes.json (infra/src/image.ts).
COPY . .
RUN pnpm build && node --import tsx infra/src/image.ts /image

FROM manifests AS prod-deps
# Only the dependencies of the packages the processes are built from (not infra's migration engine,
# not a devDependency), from the same lockfile, so node_modules/.pnpm holds the very folders the
# bundles name. No scripts: the only one, prisma generate, made clients that are bundled already.
# Then what nothing loads at run time: source maps, type declarations, docs, and Prisma's query
# compilers for the databases other than PostgreSQL (~110 MB less; image/check.js proves the rest loads).
RUN --mount=type=cache,id=paygate-pnpm-store,target=/pnpm/store \
    pnpm install --prod --frozen-lockfile --ignore-scripts --store-dir /pnpm/store \
      --filter "./services/*" --filter ./gateway --filter ./rest-edge \
    && find node_modules/.pnpm -type f \( -name "*.map" -o -name "*.d.ts" -o -name "*.d.mts" -o -name "*.d.cts" -o -name "*.md" -o -name "*.markdown" \) -delete \
    && find node_modules/.pnpm -type f -path "*/node_modules/@prisma/client/runtime/*" \
      \( -name "*.mysql.*" -o -name "*.sqlite.*" -o -name "*.sqlserver.*" -o -name "*.cockroachdb.*" -o -name "*.wasm-base64.mjs" \) -delete

FROM build AS tools
# One-shot tools through tsx, as the non-root user; no health check (they exit when done).
#   docker run --rm -e KAFKA_BROKERS=… -e PAYGATE_PG_SERVER_URL=… paygate-tools:local     # init
#   docker run --rm -e PAYGATE_PG_SERVER_URL=… paygate-tools:local node --import tsx infra/src/accounts-create.ts --name Acme
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
USER node
WORKDIR /app
HEALTHCHECK NONE
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "infra/src/cli.ts", "init"]

FROM node:24-bookworm-slim AS runtime
# MALLOC_ARENA_MAX: two malloc arenas, not one per thread (build.ts NODE_ENV_DEFAULTS: RSS under load).
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 PAYGATE_SERVICE=rest-edge
WORKDIR /app
COPY --from=prod-deps /app/node_modules/ node_modules/
COPY --from=build /image/ ./
USER node
# Every bundle's npm packages load from this tree, as this user, or the build stops here.
RUN ["node", "/app/image/check.js"]
# One image, each process on its own port (PORT overrides): edge 4000 (metrics 4090), gateway 4001,
# subgraphs 4101-4108 (infra/src/topology.ts).
EXPOSE 4000 4001 4090 4101-4108
# Each process stops itself within 10 s of SIGTERM (chassis lifecycle.ts); give it 15 s (compose
# stop_grace_period). Source maps are beside the bundles but off: NODE_OPTIONS=--enable-source-maps.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 CMD ["node", "/app/image/healthcheck.js"]
CMD ["node", "--max-semi-space-size=4", "/app/image/entry.js"]
