import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureKafka, stopKafka } from '../../infra/src/kafka';
import type { StackHandle } from '../../infra/src/stack';

/**
 * The test stack lives in jest's global-setup process; fault tests run in a worker. This loopback-only
 * door lets them kill and restart the stack's processes and the broker:
 *   POST /processes/:name/kill   POST /processes/:name/start   POST /kafka/stop   POST /kafka/start
 *   POST /processes/:name/terminate   (SIGTERM, answers {code, signal, ms} once the process exited)
 */
export async function openControlDoor(stack: StackHandle): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const [, first, name, action] = (req.url ?? '').split('/');
    const run = async () => {
      if (req.method !== 'POST') throw new Error('POST only');
      if (first === 'processes' && name && action === 'kill') return stack.kill(name);
      if (first === 'processes' && name && action === 'start') return stack.restart(name);
      if (first === 'processes' && name && action === 'terminate') return stack.terminate(name);
      if (first === 'kafka' && name === 'stop') return void (await stopKafka());
      if (first === 'kafka' && name === 'start') return void (await ensureKafka());
      throw new Error(`unknown control ${req.url}`);
    };
    run().then(
      (outcome) => (outcome ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome)) : res.writeHead(204).end()),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
