import { ensureDevAccount } from './accounts';
import { startStack } from './stack';
import { LOG_DIR } from './topology';

/** `pnpm start`: the whole system on this machine, until Ctrl-C. */
async function main(): Promise<void> {
  const began = Date.now();
  const log = (line: string) => process.stdout.write(`[paygate] ${line}\n`);
  const stack = await startStack({ portBase: Number(process.env.PAYGATE_PORT_BASE ?? 4000), log });
  const account = await ensureDevAccount();
  log(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  process.stdout.write(
    [
      '',
      `  REST edge (Stripe API)   ${stack.edgeUrl}/v1`,
      `  GraphQL (through edge)   ${stack.edgeUrl}/graphql`,
      `  Gateway (internal)       ${stack.gatewayUrl}`,
      `  Kafka                    ${stack.kafkaBrokers}`,
      `  Logs                     ${LOG_DIR}`,
      '',
      `  Development account      ${account.id}`,
      `  Secret key               ${account.secret_key}`,
      `  Publishable key          ${account.publishable_key}`,
      '',
      `  curl ${stack.edgeUrl}/v1/customers -u ${account.secret_key}: -d email=jane@example.com`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await stack.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: Error) => {
  process.stderr.write(`[paygate] start failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
