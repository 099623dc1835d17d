import path from 'node:path';
import { ALL_TOPICS, createKafka, createLogger, ensureTopics } from '@paygate/chassis';
import { stopKafka } from './kafka';
import { applyMigrations, dropDatabaseOf } from './migrations';
import { startInfrastructure } from './stack';
import { databases, ROOT } from './topology';

/**
 *   up                  Kafka (jars fetched once), topics, every database created and migrated; refuses a
 *                       broker on the port this checkout did not start (PAYGATE_KAFKA_EXTERNAL=1 uses it)
 *   down                stop the Kafka broker this checkout started (never another's)
 *   migrate [name]      apply pending migrations (all databases, or one: customer, …, rest-edge)
 *   reset               drop every database of this checkout's prefix (PAYGATE_DATABASE_PREFIX) and migrate
 *                       them from nothing: CI starts this way, so no database left by an earlier run (a
 *                       half-applied migration, old rows) can decide its outcome
 *   init                against brokers and a server that already run (containers): topics + all migrations
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const log = (line: string) => process.stdout.write(`[infra] ${line}\n`);
  switch (command) {
    case 'up':
      await startInfrastructure(log);
      log('infrastructure ready (the broker keeps running: `pnpm infra:down` stops it)');
      return;
    case 'down':
      log((await stopKafka({ log })) ? 'kafka stopped' : 'no Kafka broker of this checkout was running');
      return;
    case 'migrate': {
      const targets = databases().filter((db) => !name || db.name === name || path.relative(ROOT, db.dir) === name);
      if (targets.length === 0) throw new Error(`no database for '${name}'`);
      for (const db of targets) {
        const applied = await applyMigrations({ serviceDir: db.dir, databaseUrl: db.url });
        log(`${db.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
      }
      return;
    }
    case 'reset': {
      for (const db of databases()) {
        await dropDatabaseOf(db.url);
        const applied = await applyMigrations({ serviceDir: db.dir, databaseUrl: db.url });
        log(`${db.name}: dropped and migrated from nothing (${applied.length} migrations)`);
      }
      return;
    }
    case 'init': {
      const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
      await ensureTopics(createKafka('paygate-init', brokers, createLogger('infra', 'warn')), ALL_TOPICS);
      log(`topics ready on ${brokers.join(',')}`);
      for (const db of databases()) {
        const applied = await applyMigrations({ serviceDir: db.dir, databaseUrl: db.url });
        log(`${db.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
      }
      return;
    }
    default:
      throw new Error('usage: tsx infra/src/cli.ts up | down | migrate [name] | reset | init');
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[infra] ${err.message}\n`);
  process.exit(1);
});
