import { startStack, type StackHandle } from '../../infra/src/stack';
import { openControlDoor } from './control-door';
import { startOtlpReceiver } from './otlp-receiver';

/**
 * Boots the real system once for the integration project: Kafka (the project's own broker),
 * PostgreSQL databases with migrations, seven subgraphs, the gateway and the edge, as separate
 * processes on test ports (base 5000, so a running `pnpm start` on 4000 is left alone).
 */
export default async function globalSetup(): Promise<void> {
  const began = Date.now();
  // Webhook retries in seconds, not Stripe's three days: test/webhooks.int.test.ts waits for them.
  process.env.PAYGATE_WEBHOOK_RETRY_SCHEDULE ??= '1s,2s,3s';
  // Tracing on for the whole run (test/tracing.int.test.ts reads the spans), exported in batches to a
  // receiver of our own. PAYGATE_TEST_TRACING=0 runs the stack without it (to compare the cost).
  if (process.env.PAYGATE_TEST_TRACING !== '0') {
    const receiver = await startOtlpReceiver();
    (globalThis as { __PAYGATE_OTLP__?: typeof receiver }).__PAYGATE_OTLP__ = receiver;
    process.env.PAYGATE_TEST_OTLP_URL = receiver.url;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
    // Sooner than the default 5 s, so the test waits less for its spans; still batched.
    process.env.OTEL_BSP_SCHEDULE_DELAY ??= '500';
  }
  const stack = await startStack({ portBase: Number(process.env.PAYGATE_TEST_PORT_BASE ?? 5000), log: (line) => process.stdout.write(`\n[stack] ${line}`) });
  process.stdout.write(`\n[stack] up in ${((Date.now() - began) / 1000).toFixed(1)}s\n`);
  (globalThis as { __PAYGATE_STACK__?: StackHandle }).__PAYGATE_STACK__ = stack;
  process.env.PAYGATE_TEST_EDGE_URL = stack.edgeUrl;
  process.env.PAYGATE_TEST_EDGE_TLS_URL = stack.edgeTlsUrl;
  process.env.PAYGATE_TEST_EDGE_TLS_CA_FILE = stack.edgeTlsCaFile;
  process.env.PAYGATE_TEST_GATEWAY_URL = stack.gatewayUrl;
  process.env.PAYGATE_TEST_KAFKA_BROKERS = stack.kafkaBrokers;
  process.env.PAYGATE_TEST_SERVICE_PORTS = JSON.stringify(stack.ports.services);
  process.env.PAYGATE_CONTEXT_SECRET = stack.secrets.PAYGATE_CONTEXT_SECRET;
  const door = await openControlDoor(stack);
  (globalThis as { __PAYGATE_CONTROL__?: typeof door }).__PAYGATE_CONTROL__ = door;
  process.env.PAYGATE_TEST_CONTROL_URL = door.url;
}
