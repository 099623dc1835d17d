import request from 'supertest';
import { createTestAccount, edge, edgeUrl, eventually, servicePort } from './support/stack';

const metricValue = (text: string, name: string, labels: Record<string, string>): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('Prometheus metrics (internal ports only)', () => {
  it('counts what the outbox published and what the ledger consumed', async () => {
    const charge = `http://127.0.0.1:${servicePort('charge')}`;
    const balance = `http://127.0.0.1:${servicePort('balance')}`;
    const published = async () => metricValue((await request(charge).get('/metrics')).text, 'paygate_outbox_events_published_total', { type: 'charge.succeeded' });
    const consumed = async () => metricValue((await request(balance).get('/metrics')).text, 'paygate_events_consumed_total', { type: 'charge.succeeded', outcome: 'processed' });
    const [p0, c0] = [await published(), await consumed()];

    const a = await createTestAccount('metrics');
    await a.stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_visa' });
    await eventually(async () => ((await published()) > p0 && (await consumed()) > c0 ? true : null), 20_000, 'metrics to move');

    const text = (await request(charge).get('/metrics')).text;
    expect(text).toContain('paygate_http_request_duration_seconds_bucket');
    expect(text).toContain('service="charge"');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  it('the edge serves metrics on its internal port only, labelled by route, never by raw URL', async () => {
    const res = await edge().get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('nodejs_');

    const a = await createTestAccount('edge metrics');
    const customer = await a.stripe.customers.create({});
    await a.stripe.customers.retrieve(customer.id);
    const internal = `http://127.0.0.1:${Number(new URL(edgeUrl()).port) + 90}`;
    const text = (await request(internal).get('/metrics')).text;
    expect(text).toContain('service="rest-edge"');
    expect(text).toContain('route="/v1/customers/:id"');
    expect(text).not.toContain(customer.id);
  });
});
