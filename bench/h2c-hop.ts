/**
 * The gateway → subgraph hop over HTTP/2 cleartext (h2c, prior knowledge) against HTTP/1.1 with
 * kept-alive connections, both carrying the same Apollo Server (the chassis' graphqlHandler, which
 * serves node:http and node:http2 alike) and the same customer-sized answer. Client CPU is this
 * process's; server CPU is the child's, read from /proc. Loopback only, bounded by request count.
 *
 *   pnpm exec tsx bench/h2c-hop.ts [--requests 5000] [--concurrency 10]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import { Command } from 'commander';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { graphqlHandler } from '../services/chassis/src/graphql-http';
import { Pool } from 'undici';
import { CLK_TCK, cpuTicks } from './proc';

const opts = new Command()
  .option('--serve', 'internal: run the server side')
  .option('--requests <n>', 'requests per protocol per round', '5000')
  .option('--concurrency <n>', 'requests in flight', '10')
  .option('--rounds <n>', 'alternating rounds', '3')
  .parse()
  .opts<{ requests: string; concurrency: string; rounds: string; serve?: boolean }>();
const REQUESTS = Number(opts.requests);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Number(opts.rounds);

const QUERY = JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { id email name created metadata } }', variables: { id: 'cus_bench' } });

/** The server side: one Apollo Server, one HTTP/1.1 listener and one h2c listener. */
async function serve(): Promise<void> {
  const apollo = new ApolloServer({
    typeDefs: 'scalar JSON type Customer { id: ID! email: String name: String created: Int metadata: JSON } type Query { customer(id: ID!): Customer }',
    resolvers: {
      Query: {
        customer: (_: unknown, { id }: { id: string }) => ({ id, email: 'jenny.rosen@example.com', name: 'Jenny Rosen', created: 1_796_000_000, metadata: { order_id: '6735', note: 'x'.repeat(600) } }),
      },
    },
  });
  await apollo.start();
  const handler = graphqlHandler<BaseContext>({ apollo, limitBytes: 1 << 20, context: async () => ({}) });
  const h1 = http.createServer((req, res) => void handler(req, res));
  h1.keepAliveTimeout = 30_000;
  const h2 = http2.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => h1.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  process.send?.({ h1: (h1.address() as { port: number }).port, h2: (h2.address() as { port: number }).port });
}

type Send = () => Promise<void>;

async function run(send: Send): Promise<{ seconds: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t = performance.now();
        await send();
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { seconds: (performance.now() - began) / 1000, p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const child = fork(__filename, ['--serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ports = await new Promise<{ h1: number; h2: number }>((resolve) => child.once('message', (m) => resolve(m as { h1: number; h2: number })));
  const tps = CLK_TCK;
  const pool = new Pool(`http://127.0.0.1:${ports.h1}`, { connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const session = http2.connect(`http://127.0.0.1:${ports.h2}`);
  const h1: Send = async () => {
    const res = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: QUERY });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('cus_bench')) throw new Error(`HTTP/1.1 ${res.statusCode}: ${text.slice(0, 200)}`);
  };
  const h2: Send = () =>
    new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/graphql', 'content-type': 'application/json' });
      let status = 0;
      const chunks: Buffer[] = [];
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (status !== 200 || !text.includes('cus_bench')) reject(new Error(`h2c ${status}: ${text.slice(0, 200)}`));
        else resolve();
      });
      stream.on('error', reject);
      stream.end(QUERY);
    });
  const measure = async (name: string, send: Send) => {
    const serverBefore = cpuTicks(child.pid!);
    const clientBefore = process.cpuUsage();
    const r = await run(send);
    const client = process.cpuUsage(clientBefore);
    const serverMs = (((cpuTicks(child.pid!) ?? 0) - (serverBefore ?? 0)) / tps) * 1000;
    return {
      protocol: name,
      'req/s': Math.round(REQUESTS / r.seconds),
      'p50 ms': Number(r.p50.toFixed(2)),
      'p99 ms': Number(r.p99.toFixed(2)),
      'client CPU ms/req': Number(((client.user + client.system) / 1000 / REQUESTS).toFixed(3)),
      'server CPU ms/req': Number((serverMs / REQUESTS).toFixed(3)),
    };
  };
  try {
    await run(h1); // warm both sides up
    await run(h2);
    const rows = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const pair = round % 2 === 0 ? ([['HTTP/1.1 keep-alive (undici Pool)', h1], ['h2c (node:http2, one session)', h2]] as const) : ([['h2c (node:http2, one session)', h2], ['HTTP/1.1 keep-alive (undici Pool)', h1]] as const);
      for (const [name, send] of pair) rows.push({ round: round + 1, ...(await measure(name, send)) });
    }
    console.log(`gateway → subgraph hop: ${REQUESTS} requests × ${CONCURRENCY} in flight per measurement, same Apollo Server behind both`);
    console.table(rows);
  } finally {
    await pool.close();
    session.close();
    child.kill('SIGTERM');
  }
}

if (opts.serve) void serve();
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
