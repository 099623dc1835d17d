import request from 'supertest';
import { signAccountContext } from '../services/chassis/src/account-context';
import { createTestAccount, edge, graph, servicePort, type TestAccount } from './support/stack';

describe('accounts are isolated', () => {
  let a: TestAccount;
  let b: TestAccount;
  let customerId: string;
  let chargeId: string;
  let balanceTransactionId: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestAccount('isolation A'), createTestAccount('isolation B')]);
    customerId = (await a.stripe.customers.create({ email: 'private@a.example' })).id;
    const charge = await a.stripe.charges.create({ amount: 2500, currency: 'usd', source: 'tok_visa' });
    chargeId = charge.id;
    balanceTransactionId = charge.balance_transaction as string;
  });

  it('B gets 404 resource_missing for A’s customer and charge over REST', async () => {
    for (const path of [`/v1/customers/${customerId}`, `/v1/charges/${chargeId}`, `/v1/balance_transactions/${balanceTransactionId}`]) {
      const res = await edge(b.secretKey).get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    }
    expect((await edge(b.secretKey).post(`/v1/customers/${customerId}`).type('form').send('name=Mallory')).status).toBe(404);
    expect((await edge(b.secretKey).delete(`/v1/customers/${customerId}`)).status).toBe(404);
    expect((await a.stripe.customers.retrieve(customerId))).toMatchObject({ email: 'private@a.example' });
  });

  it('B sees none of A’s objects in lists, search or the graph', async () => {
    expect((await b.stripe.customers.list()).data).toHaveLength(0);
    expect((await b.stripe.charges.list()).data).toHaveLength(0);
    expect((await b.stripe.customers.search({ query: `email:'private@a.example'` })).data).toHaveLength(0);
    const res = await graph(b.secretKey, `query($c: ID!, $ch: ID!) { customer(id: $c) { id } charge(id: $ch) { id } }`, { c: customerId, ch: chargeId });
    expect(res.body.data).toBeNull();
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(expect.arrayContaining(['resource_missing']));
    const mine = await graph(a.secretKey, `query($c: ID!) { customer(id: $c) { id email } }`, { c: customerId });
    expect(mine.body.data.customer).toEqual({ id: customerId, email: 'private@a.example' });
  });

  it('a subgraph refuses a request without a valid signed account context', async () => {
    const url = `http://127.0.0.1:${servicePort('customer')}`;
    const query = { query: `query($id: ID!) { customer(id: $id) { id email } }`, variables: { id: customerId } };
    const none = await request(url).post('/graphql').send(query);
    expect(none.status).toBe(401);
    expect(JSON.stringify(none.body)).not.toContain('private@a.example');
    const forged = await request(url).post('/graphql').set('x-paygate-account-context', signAccountContext(a.id, 'not-the-deployment-secret-000000000000')).send(query);
    expect(forged.status).toBe(401);
    const valid = await request(url).post('/graphql').set('x-paygate-account-context', signAccountContext(a.id, process.env.PAYGATE_CONTEXT_SECRET!)).send(query);
    expect(valid.body.data.customer).toEqual({ id: customerId, email: 'private@a.example' });
  });
});
