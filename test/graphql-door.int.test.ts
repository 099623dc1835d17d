import request from 'supertest';
import { INTROSPECTION_QUERY } from '../rest-edge/src/http/gateway-schema';
import { GRAPHQL_LIMITS } from '../rest-edge/src/http/graphql-limits';
import { createTestAccount, edgeUrl, graph, type TestAccount } from './support/stack';

/**
 * The edge's POST /graphql door: each limit refuses with a GraphQL error naming it (HTTP 400, never
 * a 5xx) before the gateway sees the request — a refused mutation creates nothing — while ordinary
 * queries and introspection pass.
 */
describe('the /graphql door', () => {
  let a: TestAccount;
  let customerId: string;
  beforeAll(async () => {
    a = await createTestAccount('graphql door');
    customerId = (await a.stripe.customers.create({ email: 'door@example.com' })).id;
  });
  const post = (body: string | object) => request(edgeUrl()).post('/graphql').set('Authorization', `Bearer ${a.secretKey}`).set('Content-Type', 'application/json').send(body);
  const refusedWith = (res: request.Response, status: number, code: string, message: RegExp) => {
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status, errors: [{ message: expect.stringMatching(message), extensions: { code } }] });
  };

  it('answers a normal query, and introspection', async () => {
    const res = await graph(a.secretKey, 'query($id: ID!) { customer(id: $id) { id email invoices { hasMore data { id } } } }', { id: customerId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { customer: { id: customerId, email: 'door@example.com', invoices: { hasMore: false, data: [] } } } });
    const schema = await graph(a.secretKey, INTROSPECTION_QUERY);
    expect(schema.status).toBe(200);
    expect(schema.body.data.__schema.queryType.name).toBe('Query');
    expect(schema.body.data.__schema.types.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Customer', 'Charge', 'PaymentIntent', 'Invoice']));
  });

  it('refuses deep nesting, naming the depth limit', async () => {
    const deep = `{ customers { data { ${'invoices { data { customer { '.repeat(4)}id${' } } }'.repeat(4)} } } }`;
    refusedWith(await graph(a.secretKey, deep), 400, 'GRAPHQL_DEPTH_LIMIT', new RegExp(`^Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found 15\\.$`));
  });

  it('refuses 100 aliases, naming the alias limit — and the mutations in it never ran', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `c${i}: createCustomer(input: { email: "alias${i}@example.com" }) { id }`).join(' ');
    refusedWith(await graph(a.secretKey, `mutation { ${aliases} }`), 400, 'GRAPHQL_ALIAS_LIMIT', new RegExp(`^Aliases limit of ${GRAPHQL_LIMITS.maxAliases} exceeded, found 100\\.$`));
    expect((await a.stripe.customers.list({ limit: 100 })).data.map((c) => c.id)).toEqual([customerId]);
  });

  it('refuses a huge cost (pages of 100 inside pages of 100), naming the cost limit', async () => {
    const costly = '{ customers(limit: 100) { data { id invoices(limit: 100) { data { id lines(limit: 100) { data { id amount } } } } } } }';
    refusedWith(await graph(a.secretKey, costly), 400, 'GRAPHQL_COST_LIMIT', new RegExp(`^Query cost limit of ${GRAPHQL_LIMITS.maxCost} exceeded, found \\d+`));
    // The same shape with small pages is fine.
    expect((await graph(a.secretKey, costly.replace(/limit: 100/g, 'limit: 3'))).status).toBe(200);
  });

  it('refuses a batch (an array of operations): batching is off', async () => {
    const res = await post([{ query: '{ customers { data { id } } }' }, { query: '{ charges { data { id } } }' }]);
    refusedWith(res, 400, 'BATCHING_DISABLED', /^Batched requests are not accepted/);
  });

  it('refuses an over-long document at the token limit, and a body over the size cap', async () => {
    refusedWith(await graph(a.secretKey, `{ customers { data { ${'id '.repeat(GRAPHQL_LIMITS.maxTokens)} } } }`), 400, 'GRAPHQL_TOKEN_LIMIT', /^Query token limit of 10000 exceeded/);
    const huge = await post({ query: '{ customers { data { id } } }', variables: { pad: 'x'.repeat(70 * 1024) } });
    refusedWith(huge, 413, 'BODY_TOO_LARGE', /^Request body limit of 65536 bytes exceeded\.$/);
  });

  it('malformed bodies are 400s, never 5xx', async () => {
    refusedWith(await post('{not json'), 400, 'BAD_REQUEST', /^The body is not valid JSON\.$/);
    refusedWith(await post({ variables: {} }), 400, 'BAD_REQUEST', /"query"/);
    refusedWith(await post({ query: '{ customers { data { id }' }), 400, 'GRAPHQL_PARSE_FAILED', /^Syntax error in the query at line 1, column \d+\.$/);
  });

  it('keeps the door shut to publishable keys', async () => {
    const res = await request(edgeUrl()).post('/graphql').set('Authorization', `Bearer ${a.publishableKey}`).send({ query: '{ customers { data { id } } }' });
    expect(res.status).toBe(403);
  });
});
