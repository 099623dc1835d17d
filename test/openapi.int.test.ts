import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestAccount, edge, edgeUrl, type TestAccount } from './support/stack';

const DOCUMENT_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');

type Doc = { paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> } };

describe('GET /openapi.json', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('openapi');
  });

  it('serves docs/openapi.json without an API key', async () => {
    const res = await request(edgeUrl()).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe(fs.readFileSync(DOCUMENT_FILE, 'utf8'));
    expect((res.body as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('every documented operation is served (never url_not_found, never a 5xx)', async () => {
    const doc = JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as Doc;
    const unserved: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      const url = template.replace('{account}', a.id).replace(/\{[a-z_]+\}/g, 'x_openapi_missing');
      for (const method of Object.keys(methods) as ('get' | 'post' | 'delete')[]) {
        const res = await edge(a.secretKey)[method](url);
        const code = (res.body as { error?: { code?: string } }).error?.code;
        if (code === 'url_not_found' || res.status >= 500) unserved.push(`${method.toUpperCase()} ${template} → ${res.status} ${code ?? ''}`);
      }
    }
    expect(unserved).toEqual([]);
  });

  it('a real response carries the properties its schema requires', async () => {
    const doc = JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as Doc;
    const customer = (await a.stripe.customers.create({ email: 'openapi@example.com' })) as unknown as Record<string, unknown>;
    const schema = doc.components.schemas.customer!;
    for (const key of schema.required) expect(customer).toHaveProperty(key);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(customer)));
    const account = (await edge(a.secretKey).get('/v1/account')).body as Record<string, unknown>;
    for (const key of doc.components.schemas.account!.required) expect(account).toHaveProperty(key);
  });
});
