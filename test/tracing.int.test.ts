import fs from 'node:fs';
import { createTestAccount, eventually, type TestAccount } from './support/stack';
import type { ReceivedSpan } from './support/otlp-receiver';

/**
 * The test stack exports its traces to a receiver of the test run's own (test/support/global-setup.ts,
 * OTLP/HTTP JSON). One confirmed PaymentIntent is one trace: the edge's request, the gateway's query
 * plan and subgraph fetch, the charge service's statements, the outbox relay's publish, and the
 * balance service consuming the event (its parent carried in the Kafka message's traceparent header)
 * and writing the ledger entry.
 */
const receiverUrl = process.env.PAYGATE_TEST_OTLP_URL;

async function spans(query: string): Promise<ReceivedSpan[]> {
  const response = await fetch(`${receiverUrl}/spans?${query}`);
  return (await response.json()) as ReceivedSpan[];
}

const SERVER = 2;
const CONSUMER = 5;
const PRODUCER = 4;

describe('tracing (OpenTelemetry, W3C traceparent between processes, Kafka headers)', () => {
  let a: TestAccount;
  beforeAll(async () => {
    if (!receiverUrl) throw new Error('the test stack exports no traces (PAYGATE_TEST_TRACING=0?): this file needs them');
    a = await createTestAccount('tracing');
  });

  it('a confirmed PaymentIntent is one trace from the edge to the balance ledger entry', async () => {
    const pi = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(pi.status).toBe('succeeded');
    const requestId = pi.lastResponse.requestId;
    expect(requestId).toMatch(/^req_/);

    // The edge's root span carries the Request-Id the response had.
    const root = await eventually(
      async () => (await spans(`attribute=${encodeURIComponent(`paygate.request_id=${requestId}`)}`)).find((s) => s.service === 'paygate-rest-edge' && !s.parentSpanId),
      20_000,
      `the edge's root span for ${requestId}`,
    );
    expect(root.kind).toBe(SERVER);
    expect(root.name).toMatch(/POST/);

    // Everything else arrives in batches: wait for the ledger's part of the trace.
    const trace = await eventually(
      async () => {
        const all = await spans(`trace_id=${root.traceId}`);
        const consumed = all.find((s) => s.service === 'paygate-balance' && s.kind === CONSUMER && s.name === 'process charge.succeeded');
        const ledgerWrite = consumed && all.find((s) => s.service === 'paygate-balance' && /INSERT INTO [^ ]*balance_transactions/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '')));
        return ledgerWrite ? all : null;
      },
      30_000,
      `the balance service's spans in trace ${root.traceId}`,
    );

    // PAYGATE_TEST_TRACE_DUMP=<file>: the trace as an indented tree, for looking at what it holds.
    if (process.env.PAYGATE_TEST_TRACE_DUMP) {
      const kids = (id: string) => trace.filter((s) => s.parentSpanId === id).sort((x, y) => (BigInt(x.startTimeUnixNano) < BigInt(y.startTimeUnixNano) ? -1 : 1));
      const lines: string[] = [];
      const t0 = BigInt(root.startTimeUnixNano);
      const ms = (ns: bigint) => (Number(ns) / 1e6).toFixed(2);
      const walk = (s: ReceivedSpan, depth: number) => {
        const at = `+${ms(BigInt(s.startTimeUnixNano) - t0)} ms, ${ms(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano))} ms`;
        lines.push(`${'  '.repeat(depth)}${s.service} ${s.name} [${at}] ${String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '').slice(0, 80)}`);
        for (const k of kids(s.spanId)) walk(k, depth + 1);
      };
      walk(root, 0);
      fs.writeFileSync(process.env.PAYGATE_TEST_TRACE_DUMP, `${lines.join('\n')}\n`);
    }
    const services = new Set(trace.map((s) => s.service));
    for (const service of ['paygate-rest-edge', 'paygate-gateway', 'paygate-charge', 'paygate-balance']) expect(services).toContain(service);
    expect(trace.every((s) => s.traceId === root.traceId)).toBe(true);
    // One root: every other span has its parent in the trace.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let at = byId.get(span.parentSpanId); at; at = byId.get(at.parentSpanId)) chain.push(at);
      return chain;
    };

    // The gateway's query plan and a fetch to the charge subgraph; the charge service's server span under it.
    expect(trace.some((s) => s.service === 'paygate-gateway' && s.name.startsWith('gateway.'))).toBe(true);
    const chargeServer = trace.find((s) => s.service === 'paygate-charge' && s.kind === SERVER);
    expect(chargeServer).toBeDefined();
    expect(chargeServer!.attributes['paygate.request_id']).toBe(requestId);
    expect(ancestors(chargeServer!).map((s) => s.spanId)).toContain(root.spanId);
    // The charge service's statements (pg under Prisma), with placeholders, never values.
    const chargeStatements = trace.filter((s) => s.service === 'paygate-charge' && [s.attributes['db.system'], s.attributes['db.system.name']].includes('postgresql'));
    expect(chargeStatements.length).toBeGreaterThan(0);
    expect(JSON.stringify(chargeStatements)).not.toMatch(/4242424242424242/);

    // The relay's publish (kafkajs instrumentation) and the balance consumer's handling hang under the request.
    const send = trace.find((s) => s.service === 'paygate-charge' && s.kind === PRODUCER && s.name === 'send paygate.charge.v1');
    expect(send).toBeDefined();
    expect(ancestors(send!).map((s) => s.spanId)).toContain(root.spanId);
    const consumed = trace.find((s) => s.service === 'paygate-balance' && s.kind === CONSUMER && s.name === 'process charge.succeeded')!;
    expect(consumed.parentSpanId).toBe(send!.spanId);
    expect(consumed.attributes['paygate.account']).toBe(a.id);
    expect(ancestors(consumed).map((s) => s.spanId)).toContain(root.spanId);
    // …and the ledger entry's INSERT is a child of that handling: the moment it was written, in the charge's trace.
    const ledgerWrite = trace.find((s) => s.service === 'paygate-balance' && /INSERT INTO [^ ]*balance_transactions/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '')))!;
    expect(ancestors(ledgerWrite).map((s) => s.spanId)).toContain(consumed.spanId);
  });
});
