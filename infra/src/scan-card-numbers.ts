/**
 * After a test run: proves no full card number reached a table (outside the vault's ciphertext), a
 * log line or a Kafka message. Looks for every number of the test-card matrix (the only numbers the
 * tests send), written plainly or with spaces, dots or dashes between digits. The log lines are
 * also refused any secret: a whole API key (`sk_`/`pk_`/`rk_` + test|live + key characters; a key
 * masked as Stripe does, `sk_test_****1234`, is fine) or a webhook signing secret (`whsec_…`).
 *
 *   pnpm scan:card-numbers          # exit 1 and the places, if any number or secret is found
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS } from '../../services/chassis/src/events';
import { TEST_CARDS } from '../../services/charge/src/domain/test-cards';
import { databases, LOG_DIR } from './topology';

/** Numbers the tests send that are not in the matrix (they fail Luhn or are typed wrongly on purpose). */
const EXTRA_NUMBERS = ['4242424242424241'];

export function cardNumberPattern(numbers: readonly string[]): RegExp {
  if (numbers.some((n) => !/^\d{13,19}$/.test(n))) throw new Error('card numbers are 13 to 19 digits');
  const alternatives = numbers.map((n) => n.split('').join('[ .\\-]?'));
  return new RegExp(`(?<!\\d)(?:${alternatives.join('|')})(?!\\d)`);
}

/**
 * A whole key or signing secret: the prefix and at least 8 key characters straight after it (the
 * edge accepts keys of 8 to 128). `sk_test_****1234`, `sk_test_…` and a bare prefix do not match.
 */
export const SECRET_PATTERN = /(?<![0-9A-Za-z])(?:(?:sk|pk|rk)_(?:test|live)_[0-9A-Za-z]{8,}|whsec_[0-9A-Za-z+/=]{8,})/;

const NUMBERS = [...TEST_CARDS.map((card) => card.number), ...EXTRA_NUMBERS];
const PATTERN = cardNumberPattern(NUMBERS);

interface Finding {
  where: string;
  excerpt: string;
}

function excerpt(text: string): string {
  const m = PATTERN.exec(text);
  if (!m) return '';
  // Report the place, not the number again.
  return `${text.slice(Math.max(0, m.index - 40), m.index)}<card number>${text.slice(m.index + m[0].length, m.index + m[0].length + 40)}`;
}

async function scanDatabases(findings: Finding[]): Promise<number> {
  let rows = 0;
  for (const db of databases()) {
    const client = new Client({ connectionString: db.url });
    try {
      await client.connect();
    } catch {
      continue; // not created on this machine
    }
    try {
      const tables = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      for (const t of tables.rows) {
        // The vault's ciphertext is bytes, never text: casting the row to text shows it as \x… hex.
        const result = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${t.schema}"."${t.name}" t`);
        rows += result.rowCount ?? 0;
        for (const r of result.rows) if (PATTERN.test(r.row)) findings.push({ where: `${db.name}.${t.name}`, excerpt: excerpt(r.row) });
      }
    } finally {
      await client.end();
    }
  }
  return rows;
}

function scanLogs(findings: Finding[], dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let lines = 0;
  for (const file of fs.readdirSync(dir)) {
    const full = path.join(dir, file);
    if (!fs.statSync(full).isFile()) continue;
    const text = fs.readFileSync(full, 'utf8').split('\n');
    lines += text.length;
    text.forEach((line, i) => {
      const where = `${path.relative(process.cwd(), full)}:${i + 1}`;
      if (PATTERN.test(line)) findings.push({ where, excerpt: excerpt(line) });
      const secret = SECRET_PATTERN.exec(line);
      if (secret) findings.push({ where, excerpt: `${line.slice(Math.max(0, secret.index - 40), secret.index)}<${secret[0].split('_').slice(0, -1).join('_')}_ secret>${line.slice(secret.index + secret[0].length, secret.index + secret[0].length + 40)}` });
    });
  }
  return lines;
}

async function scanKafka(findings: Finding[], brokers: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'paygate-card-scan', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = ALL_TOPICS.filter((t) => existing.has(t));
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([k]) => k));
  if (remaining.size === 0) return 0;
  const consumer = kafka.consumer({ groupId: `paygate-card-scan-${Date.now()}` });
  let messages = 0;
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kafka scan timed out with ${remaining.size} partitions unread`)), 120_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        messages += 1;
        const text = `${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''}`;
        if (PATTERN.test(text)) findings.push({ where: `kafka ${topic}/${partition}@${message.offset}`, excerpt: excerpt(text) });
        if (Number(message.offset) + 1 >= (ends.get(`${topic}/${partition}`) ?? 0)) remaining.delete(`${topic}/${partition}`);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return messages;
}

async function main(): Promise<number> {
  const findings: Finding[] = [];
  const rows = await scanDatabases(findings);
  const lines = scanLogs(findings, LOG_DIR);
  const messages = await scanKafka(findings, process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`);
  console.log(`scanned ${rows} table rows, ${lines} log lines, ${messages} Kafka messages for ${NUMBERS.length} card numbers (and the log lines for API keys and webhook secrets)`);
  for (const f of findings) console.log(`${f.excerpt.includes('secret>') ? 'secret' : 'card number'} in ${f.where}: …${f.excerpt}…`);
  return findings.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
