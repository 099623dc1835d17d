/**
 * The wasm-engine migration path against the real PostgreSQL server: createMigration → applyMigrations
 * on a uniquely named scratch database, a schema change producing a delta migration, and the loud
 * failures (edited migration, failing migration). Self-sufficient: needs only PostgreSQL
 * (PAYGATE_PG_SERVER_URL, default postgresql://postgres@127.0.0.1:5432).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { applyMigrations, createMigration, ensureDatabase } from '../src/migrations';

const SERVER_URL = process.env.PAYGATE_PG_SERVER_URL || 'postgresql://postgres@127.0.0.1:5432';
const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const DB_NAME = `paygate_scratch_migtest_${suffix}`;
const ENSURE_DB_NAME = `paygate_scratch_ensure_${suffix}`;
const dbUrl = (name: string) => `${SERVER_URL.replace(/\/+$/, '')}/${name}`;

const SCHEMA_V1 = `
generator client {
  provider            = "prisma-client"
  output              = "../src/db/generated"
  moduleFormat        = "cjs"
  importFileExtension = ""
}

datasource db {
  provider = "postgresql"
}

enum WidgetStatus {
  active
  retired
}

model Widget {
  id        String       @id
  account   String
  sku       String
  seq       BigInt       @unique @default(autoincrement())
  metadata  Json         @default("{}")
  status    WidgetStatus @default(active)
  createdAt DateTime     @default(now()) @map("created_at")
  parts     Part[]

  @@unique([account, sku])
  @@map("widgets")
}

model Part {
  id       BigInt @id @default(autoincrement())
  widgetId String @map("widget_id")
  widget   Widget @relation(fields: [widgetId], references: [id])

  @@index([widgetId])
  @@map("parts")
}
`;

const SCHEMA_V2 = SCHEMA_V1.replace(
  '  createdAt DateTime     @default(now()) @map("created_at")\n',
  '  createdAt DateTime     @default(now()) @map("created_at")\n  note      String?\n',
);

let serviceDir: string;
let migrationsDir: string;
let client: Client;
let initFolder: string;
let deltaFolder: string;

async function withTimeout<T>(what: string, p: Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function adminQuery(sql: string, params: unknown[] = []) {
  const admin = new Client({ connectionString: dbUrl('postgres'), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    return await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}

async function columnsOf(table: string): Promise<Record<string, string>> {
  const { rows } = await client.query<{ column_name: string; data_type: string; udt_name: string }>(
    `SELECT column_name, data_type, udt_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type]));
}

const apply = () => withTimeout('applyMigrations', applyMigrations({ serviceDir, databaseUrl: dbUrl(DB_NAME) }));
const create = (name: string) => withTimeout('createMigration', createMigration({ serviceDir, name, serverUrl: SERVER_URL }));

beforeAll(async () => {
  serviceDir = await mkdtemp(path.join(os.tmpdir(), 'paygate-migrations-'));
  migrationsDir = path.join(serviceDir, 'prisma', 'migrations');
  await mkdir(path.join(serviceDir, 'prisma'));
  await writeFile(path.join(serviceDir, 'prisma', 'schema.prisma'), SCHEMA_V1);
});

afterAll(async () => {
  await client?.end().catch(() => {});
  for (const name of [DB_NAME, ENSURE_DB_NAME]) {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  if (serviceDir) await rm(serviceDir, { recursive: true, force: true });
});

test('createMigration writes the initial migration and the lock file', async () => {
  const folder = await create('init');
  expect(folder).not.toBeNull();
  initFolder = folder!;
  expect(path.dirname(initFolder)).toBe(migrationsDir);
  expect(path.basename(initFolder)).toMatch(/^\d{14}_init$/);

  const sql = await readFile(path.join(initFolder, 'migration.sql'), 'utf8');
  expect(sql).toContain(`CREATE TYPE "WidgetStatus" AS ENUM ('active', 'retired');`);
  expect(sql).toContain('CREATE TABLE "widgets"');
  expect(sql).toContain('"metadata" JSONB NOT NULL DEFAULT \'{}\'');
  expect(sql).toContain('"seq" BIGSERIAL NOT NULL');
  expect(sql).toContain('CREATE TABLE "parts"');
  expect(sql).toContain('CREATE UNIQUE INDEX "widgets_account_sku_key" ON "widgets"("account", "sku");');
  expect(sql).toContain('FOREIGN KEY ("widget_id") REFERENCES "widgets"("id")');
  expect(sql).not.toContain('_prisma_migrations');

  const lock = await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8');
  expect(lock).toMatch(/^provider = "postgresql"$/m);

  // The scratch database it replayed into is gone.
  const leftovers = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'paygate_scratch_migrate_%'`);
  expect(leftovers.rows.map((r) => r.datname).filter((n: string) => n.includes(`_${process.pid}_`))).toEqual([]);
});

test('applyMigrations creates the database and applies the migration', async () => {
  const applied = await apply();
  expect(applied).toEqual([path.basename(initFolder)]);

  client = new Client({ connectionString: dbUrl(DB_NAME), connectionTimeoutMillis: 5_000 });
  await client.connect();
  expect(await columnsOf('widgets')).toEqual({
    id: 'text',
    account: 'text',
    sku: 'text',
    seq: 'bigint',
    metadata: 'jsonb',
    status: 'WidgetStatus',
    created_at: 'timestamp without time zone',
  });
  expect(await columnsOf('parts')).toEqual({ id: 'bigint', widget_id: 'text' });

  const unique = await client.query(
    `SELECT indexdef FROM pg_indexes WHERE tablename = 'widgets' AND indexname = 'widgets_account_sku_key'`,
  );
  expect(unique.rows[0]?.indexdef).toMatch(/CREATE UNIQUE INDEX .* \(account, sku\)/);

  // Prisma's own bookkeeping, so `prisma migrate deploy` elsewhere sees the same state.
  const sql = await readFile(path.join(initFolder, 'migration.sql'));
  const { rows } = await client.query(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at FROM _prisma_migrations`,
  );
  expect(rows).toEqual([
    {
      migration_name: path.basename(initFolder),
      checksum: createHash('sha256').update(sql).digest('hex'),
      finished: true,
      rolled_back_at: null,
    },
  ]);

  // The sequences, defaults and the enum really work.
  await client.query(`INSERT INTO widgets (id, account, sku) VALUES ('w1', 'acct', 'a'), ('w2', 'acct', 'b')`);
  const inserted = await client.query(`SELECT seq::text, metadata, status FROM widgets ORDER BY seq`);
  expect(inserted.rows).toEqual([
    { seq: '1', metadata: {}, status: 'active' },
    { seq: '2', metadata: {}, status: 'active' },
  ]);
  await expect(client.query(`INSERT INTO widgets (id, account, sku) VALUES ('w3', 'acct', 'a')`)).rejects.toThrow(
    /widgets_account_sku_key/,
  );
});

test('a second applyMigrations applies nothing', async () => {
  expect(await apply()).toEqual([]);
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations`);
  expect(rows[0].n).toBe(1);
});

test('createMigration returns null when the schema has not changed', async () => {
  expect(await create('nothing')).toBeNull();
  expect((await readdir(migrationsDir)).sort()).toEqual([path.basename(initFolder), 'migration_lock.toml']);
});

test('a schema change yields a delta migration that applies on top', async () => {
  await writeFile(path.join(serviceDir, 'prisma', 'schema.prisma'), SCHEMA_V2);
  const folder = await create('Add widget note');
  expect(folder).not.toBeNull();
  deltaFolder = folder!;
  expect(path.basename(deltaFolder)).toMatch(/^\d{14}_add_widget_note$/);
  // Sorts after the first one even when created within the same second.
  expect(path.basename(deltaFolder) > path.basename(initFolder)).toBe(true);

  const sql = await readFile(path.join(deltaFolder, 'migration.sql'), 'utf8');
  expect(sql).toContain('ALTER TABLE "widgets" ADD COLUMN');
  expect(sql).toMatch(/"note" TEXT;/);
  expect(sql).not.toContain('CREATE TABLE');
  expect(sql).not.toContain('CREATE TYPE');

  expect(await apply()).toEqual([path.basename(deltaFolder)]);
  expect(await columnsOf('widgets')).toHaveProperty('note', 'text');
  // Data survived.
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM widgets`);
  expect(rows[0].n).toBe(2);
  expect(await apply()).toEqual([]);
});

test('applyMigrations refuses a migration edited after it was applied', async () => {
  const file = path.join(initFolder, 'migration.sql');
  const original = await readFile(file, 'utf8');
  await writeFile(file, `${original}\n-- edited afterwards\n`);
  try {
    await expect(apply()).rejects.toThrow(/modified after they were applied.*_init/s);
  } finally {
    await writeFile(file, original);
  }
  expect(await apply()).toEqual([]);
});

test('a failing migration throws the database error, leaves nothing half-applied, and blocks later runs', async () => {
  const name = '99991231235959_broken';
  await mkdir(path.join(migrationsDir, name));
  await writeFile(
    path.join(migrationsDir, name, 'migration.sql'),
    `CREATE TABLE "half_done" ("id" INTEGER);\nALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n`,
  );
  await expect(apply()).rejects.toThrow(/no_such_table/);
  const half = await client.query(`SELECT to_regclass('public.half_done') AS t`);
  expect(half.rows[0].t).toBeNull();
  await expect(apply()).rejects.toThrow(/P3009|failed migrations/);
});

test('ensureDatabase is idempotent and safe under concurrent callers', async () => {
  const url = dbUrl(ENSURE_DB_NAME);
  await withTimeout('ensureDatabase', Promise.all([1, 2, 3, 4, 5].map(() => ensureDatabase(url))));
  await ensureDatabase(url);
  const { rows } = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [ENSURE_DB_NAME]);
  expect(rows).toHaveLength(1);
});
