import { createTestAccount, graph, type TestAccount } from './support/stack';

describe('one federated graph over seven subgraphs, through the edge', () => {
  let a: TestAccount;
  let customerId: string;
  let chargeId: string;

  beforeAll(async () => {
    a = await createTestAccount('federation');
    customerId = (await a.stripe.customers.create({ email: 'fed@example.com' })).id;
    chargeId = (await a.stripe.charges.create({ amount: 1200, currency: 'usd', source: 'tok_visa' })).id;
  });

  it('Customer carries fields contributed by the invoice and session subgraphs', async () => {
    const res = await graph(
      a.secretKey,
      `query($id: ID!) { customer(id: $id) { id email invoices { hasMore data { id } } checkoutSessions { hasMore data { id } } } }`,
      { id: customerId },
    );
    expect(res.body).toEqual({
      data: { customer: { id: customerId, email: 'fed@example.com', invoices: { hasMore: false, data: [] }, checkoutSessions: { hasMore: false, data: [] } } },
    });
  });

  it('Charge carries refund totals computed by the refund subgraph from the charge’s amount (@requires)', async () => {
    const res = await graph(a.secretKey, `query($id: ID!) { charge(id: $id) { id amount amountRefunded refunded refunds { hasMore data { id } } } }`, { id: chargeId });
    expect(res.body).toEqual({ data: { charge: { id: chargeId, amount: 1200, amountRefunded: 0, refunded: false, refunds: { hasMore: false, data: [] } } } });
    const rest = await a.stripe.charges.retrieve(chargeId);
    expect(rest).toMatchObject({ amount_refunded: 0, refunded: false });
  });

  it.each([
    ['refund', 're_missing', 'refund'],
    ['payout', 'po_missing', 'payout'],
    ['invoice', 'in_missing', 'invoice'],
    ['checkoutSession', 'cs_test_missing', 'checkout session'],
  ])('%s(id) over its own table: an unknown id is resource_missing', async (field, id, kind) => {
    const res = await graph(a.secretKey, `query($id: ID!) { ${field}(id: $id) { id } }`, { id });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0]).toMatchObject({ message: `No such ${kind}: '${id}'`, extensions: expect.objectContaining({ code: 'resource_missing' }) });
  });

  it('every subgraph lists the calling account’s objects (none yet)', async () => {
    const res = await graph(
      a.secretKey,
      `{ refunds { hasMore data { id } } payouts { hasMore data { id } } invoices { hasMore data { id } } checkoutSessions { hasMore data { id } }
         customers { data { id } } charges { data { id } } balanceTransactions { data { id } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const empty = { hasMore: false, data: [] };
    expect(res.body.data).toMatchObject({ refunds: empty, payouts: empty, invoices: empty, checkoutSessions: empty });
    expect(res.body.data.customers.data).toEqual([{ id: customerId }]);
    expect(res.body.data.charges.data).toEqual([{ id: chargeId }]);
  });

  it('masks nothing a client needs and leaks no internals on a bad query', async () => {
    const res = await graph(a.secretKey, `{ customer { id } }`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/stack|node_modules|at .*\.ts/);
  });
});
