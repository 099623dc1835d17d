import { Command, Option } from 'commander';
import { createKafka, createLogger, type ParkedEntry } from '@paygate/chassis';
import { readParked, replayParked } from './parked-events';

/**
 *   pnpm events:parked [--json]                  what is parked on paygate.parked.v1
 *   pnpm events:replay --id evt_… | --all         re-deliver to the source topic (see parked-events.ts)
 * Both take --brokers (KAFKA_BROKERS, 127.0.0.1:9092).
 */
function row(e: ParkedEntry): string[] {
  const where = e.source ? `${e.source.topic}/${e.source.partition}/${e.source.offset}` : `(stub, ${e.kind})`;
  const status = e.kind === 'stub' ? 'not replayable' : e.replayedAt ? `replayed ${e.replayedAt}` : 'parked';
  return [e.parkedAt, e.eventId ?? '-', e.eventType ?? '-', where, `${e.partition}/${e.offset}`, status, e.reason.replace(/\s+/g, ' ').slice(0, 80)];
}

function table(entries: ParkedEntry[]): string {
  const rows = [['PARKED AT', 'EVENT', 'TYPE', 'FROM (topic/partition/offset)', 'PARKED AS', 'STATUS', 'REASON'], ...entries.map(row)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function json(entries: ParkedEntry[]): string {
  return JSON.stringify(entries.map(({ key, value, ...rest }) => ({ ...rest, key: key?.toString('utf8') ?? null, valueBytes: value?.length ?? 0 })), null, 2);
}

const brokersOption = () => new Option('--brokers <list>', 'Kafka bootstrap brokers, comma-separated').env('KAFKA_BROKERS').default('127.0.0.1:9092');
const kafkaFor = (brokers: string) => createKafka('paygate-events-cli', brokers.split(','), createLogger('events-cli', 'error'));

const program = new Command('events').description('Messages consumers and relays parked on paygate.parked.v1').showHelpAfterError();

program
  .command('parked')
  .description('list parked messages: when, event id and type, where from, reason, whether replayed')
  .addOption(brokersOption())
  .option('--json', 'machine-readable output')
  .action(async (opts: { brokers: string; json?: boolean }) => {
    const entries = await readParked(kafkaFor(opts.brokers));
    process.stdout.write(`${opts.json ? json(entries) : entries.length ? table(entries) : 'nothing parked'}\n`);
  });

program
  .command('replay')
  .description('re-deliver parked messages to the topic they came from (consumers dedupe on the event id)')
  .addOption(brokersOption())
  .addOption(new Option('--id <eventId>', 'the latest parked message of this event (replayed before or not)').conflicts('all'))
  .addOption(new Option('--all', 'every replayable message not replayed yet'))
  .action(async (opts: { brokers: string; id?: string; all?: boolean }) => {
    if (!opts.id && !opts.all) program.error('events replay: give --id evt_… or --all');
    if (opts.id && !/^evt_[0-9A-Za-z]+$/.test(opts.id)) program.error(`events replay: not an event id: ${opts.id}`);
    const replayed = await replayParked(kafkaFor(opts.brokers), opts.id ? { id: opts.id } : { all: true });
    for (const e of replayed) process.stdout.write(`replayed ${e.eventId ?? '(no event id)'} to ${e.source!.topic} (parked as ${e.partition}/${e.offset})\n`);
    process.stdout.write(`${replayed.length} replayed\n`);
    if (opts.id && replayed.length === 0) program.error(`events replay: no replayable parked message for ${opts.id}`, { exitCode: 1 });
  });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`events: ${err.message}\n`);
  process.exit(1);
});
