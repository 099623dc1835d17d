#!/usr/bin/env tsx
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createAccountCommand, listAccountsCommand, rollKeyCommand } from './accounts';
import { DEFAULT_API_BASE, resolveApiBase, resolveApiKey, stripeClient, type GlobalOptions } from './config';
import { formatDuration, parseDuration } from './duration';
import { CliError, usageError } from './errors';
import { parseEventFilter } from './event-filter';
import { listen, signingSecret, signingSecretFile } from './listen';
import { trigger, TRIGGER_EVENTS } from './trigger';

/**
 * `pnpm paygate <command>`: listen, trigger, accounts create|list, keys roll. Exit codes: 0 done,
 * 1 the work failed (API error, refused key), 2 the command line was wrong. No stack traces.
 */

/** How long an edge keeps a key it looked up (rest-edge/src/http/auth.ts KEY_CACHE_TTL_MS; a unit test keeps them equal). */
export const EDGE_KEY_CACHE_TTL_MS = 5_000;

const out = (line: string) => process.stdout.write(`${line}\n`);

const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
  return Number(value);
};
const duration = (value: string) => {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};
const httpUrl = (value: string) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL (e.g. http://localhost:3000/webhook)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('must be an http:// or https:// URL');
  return value;
};

export function buildProgram(): Command {
  const program = new Command('paygate')
    .description('Paygate from the command line: watch and forward events, trigger them, manage accounts and keys.')
    .addOption(new Option('--api-key <key>', 'secret key (sk_test_…); default: the development account in .run/dev-account.json').env('PAYGATE_API_KEY'))
    .addOption(new Option('--api-base <url>', "the edge's URL").env('PAYGATE_API_BASE').default(DEFAULT_API_BASE))
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true });

  const globals = (cmd: Command) => cmd.optsWithGlobals<GlobalOptions>();

  program
    .command('listen')
    .description("print each of the account's events as it happens, and with --forward-to POST it signed (Stripe-Signature), like Stripe's CLI")
    .addOption(new Option('--forward-to <url>', 'POST every event here, signed with the secret printed at start').argParser(httpUrl))
    .option('--events <types>', 'only these event types, comma-separated; `*` or a group such as charge.* allowed (default: all)')
    .option('--print-secret', 'print the signing secret and exit')
    .addOption(new Option('--max-events <n>', 'stop after this many events').argParser(positiveInt('--max-events')))
    .addOption(new Option('--for <duration>', 'stop after this long (e.g. 30s, 5m; a bare number is seconds)').argParser(duration))
    .addHelpText(
      'after',
      `
Polls GET /v1/events every 250 ms from the moment it starts; each event is printed and forwarded once,
in order. A forward that fails (refused, timed out after 10 s) is printed and not retried.
The body is the event JSON as the API shows it; the header is
  Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>
so stripe.webhooks.constructEvent(body, header, secret) accepts it. The secret (whsec_…) is made once
and kept in ${signingSecretFile()} (PAYGATE_RUN_DIR moves it); \`pnpm -s paygate listen --print-secret\`
prints it alone. Stops on ^C or SIGTERM.`,
    )
    .action(async (opts: { forwardTo?: string; events?: string; printSecret?: boolean; maxEvents?: number; for?: number }, cmd: Command) => {
      const events = parseEventFilter(opts.events);
      if (opts.printSecret) {
        out(signingSecret());
        return;
      }
      const g = globals(cmd);
      await listen({
        base: resolveApiBase(g),
        key: resolveApiKey(g),
        events,
        ...(opts.forwardTo ? { forwardTo: opts.forwardTo } : {}),
        ...(opts.maxEvents !== undefined ? { maxEvents: opts.maxEvents } : {}),
        ...(opts.for !== undefined ? { forSeconds: opts.for / 1000 } : {}),
      });
    });

  program
    .command('trigger')
    .description('make, through the API, the objects that produce an event (test cards and magic tokens only)')
    .argument('<event>', 'the event type, e.g. payment_intent.succeeded')
    .addHelpText('after', `\nSupported events:\n  ${TRIGGER_EVENTS.join('\n  ')}`)
    .action(async (event: string, _opts: unknown, cmd: Command) => {
      if (!TRIGGER_EVENTS.includes(event)) throw usageError(`unsupported event type '${event}'. Supported:\n  ${TRIGGER_EVENTS.join('\n  ')}`);
      const g = globals(cmd);
      const base = resolveApiBase(g);
      const key = resolveApiKey(g);
      await trigger(event, { stripe: stripeClient(key, base), base, key, out });
    });

  const accounts = program.command('accounts').description("accounts in the edge's database (PAYGATE_DATABASE_PREFIX, PAYGATE_PG_SERVER_URL, EDGE_DATABASE_URL)");
  accounts
    .command('create')
    .description('a new account with a secret and a publishable test key, printed once as JSON')
    .requiredOption('--name <name>', "the account's name")
    .action(async (opts: { name: string }) => {
      if (!opts.name.trim()) throw usageError('--name must not be empty');
      await createAccountCommand(opts.name.trim(), out);
    });
  accounts
    .command('list')
    .description('every account: id, name, created, the last 4 characters of its active keys')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await listAccountsCommand(!!opts.json, out);
    });

  const keys = program.command('keys').description('API keys');
  keys
    .command('roll')
    .description('a new secret key for the account, printed once; the old secret key(s) revoked now or after --grace')
    .option('--account <id>', 'whose key (default: the account of --api-key / PAYGATE_API_KEY / the development account)')
    .addOption(new Option('--grace <duration>', 'how long the old key keeps working: 0s, 1h, 24h, 7d…').default(0, '0s: revoked at once').argParser(duration))
    .addHelpText(
      'after',
      `
Each edge keeps a looked-up key in its key cache for ${formatDuration(EDGE_KEY_CACHE_TTL_MS)} (rest-edge KEY_CACHE_TTL_MS): a revoked key
may still be accepted for that long after its revocation. Rolling the development account's key updates
.run/dev-account.json.`,
    )
    .action(async (opts: { account?: string; grace: number }, cmd: Command) => {
      if (opts.account !== undefined && !/^acct_[0-9A-Za-z]{8,64}$/.test(opts.account)) throw usageError(`--account is not an account id: ${opts.account}`);
      const g = globals(cmd);
      const apiKey = opts.account ? g.apiKey : resolveApiKey(g);
      await rollKeyCommand({ ...(opts.account ? { account: opts.account } : {}), ...(apiKey ? { apiKey } : {}), graceMs: opts.grace, cacheTtlMs: EDGE_KEY_CACHE_TTL_MS }, out);
    });

  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2; // commander has said what was wrong
    if (err instanceof CliError) {
      process.stderr.write(`paygate: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`paygate: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
