import { parseArgs } from 'node:util';
import { newAccount } from './accounts';

/** `pnpm accounts:create --name <name>` → one JSON object: id, secret_key, publishable_key. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, strict: true });
  if (!values.name || !values.name.trim()) {
    process.stderr.write('usage: pnpm accounts:create --name <name>\n');
    process.exit(2);
  }
  const account = await newAccount(values.name.trim());
  process.stdout.write(`${JSON.stringify({ id: account.id, name: account.name, secret_key: account.secret_key, publishable_key: account.publishable_key })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`accounts:create failed: ${err.message}\n`);
  process.exit(1);
});
