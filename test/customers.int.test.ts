import Stripe from 'stripe';
import { createTestAccount, edge, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

describe('customers through the official stripe SDK', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await createTestAccount('customers');
  });

  it('creates, retrieves, updates (metadata merges, "" removes) and deletes', async () => {
    const created = await a.stripe.customers.create({
      email: 'jane@example.com',
      name: 'Jane Doe',
      address: { line1: '1 Main St', postal_code: '94107', country: 'US' },
      metadata: { order_id: '6735', tier: 'gold' },
    });
    expect(created).toMatchObject({ object: 'customer', email: 'jane@example.com', name: 'Jane Doe', livemode: false, balance: 0, metadata: { order_id: '6735', tier: 'gold' } });
    expect(created.id).toMatch(/^cus_[0-9A-Za-z]{24}$/);
    expect(created.address).toEqual({ city: null, country: 'US', line1: '1 Main St', line2: null, postal_code: '94107', state: null });
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(60);

    const fetched = await a.stripe.customers.retrieve(created.id);
    expect(fetched).toEqual(created);

    const updated = await a.stripe.customers.update(created.id, { name: 'Jane Q. Doe', metadata: { tier: '', note: 'vip' }, email: '' });
    expect(updated).toMatchObject({ name: 'Jane Q. Doe', email: null, metadata: { order_id: '6735', note: 'vip' } });
    expect(updated.metadata).not.toHaveProperty('tier');
    expect(updated.address).toMatchObject({ line1: '1 Main St' });
    const unset = await a.stripe.customers.update(created.id, { address: '' as unknown as Stripe.AddressParam, metadata: '' as unknown as Stripe.MetadataParam });
    expect(unset).toMatchObject({ address: null, metadata: {}, name: 'Jane Q. Doe' });
    expect(await a.stripe.customers.list({ email: 'jane@example.com' })).toMatchObject({ data: [] });

    const deleted = await a.stripe.customers.del(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'customer', deleted: true });
    const after = await a.stripe.customers.retrieve(created.id);
    expect(after).toMatchObject({ id: created.id, deleted: true });
    await expect(a.stripe.customers.update(created.id, { name: 'x' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    await expect(a.stripe.customers.del(created.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('carries every property of Stripe’s customer object', async () => {
    const created = await a.stripe.customers.create({ email: 'props@example.com' });
    expectStripeShape(created, 'customer');
  });

  it('lists newest first with limit, starting_after, ending_before and has_more', async () => {
    const b = await createTestAccount('customer pages');
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await b.stripe.customers.create({ name: `Page ${i}` })).id);
    const newestFirst = [...ids].reverse();

    const first = await b.stripe.customers.list({ limit: 3 });
    expect(first).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
    expect(first.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 3));

    const second = await b.stripe.customers.list({ limit: 3, starting_after: first.data[2]!.id });
    expect(second.data.map((c) => c.id)).toEqual(newestFirst.slice(3, 6));
    expect(second.has_more).toBe(true);

    const back = await b.stripe.customers.list({ limit: 2, ending_before: second.data[0]!.id });
    expect(back.data.map((c) => c.id)).toEqual(newestFirst.slice(1, 3));

    const all: string[] = [];
    for await (const c of b.stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual(newestFirst);
    expect(new Set(all).size).toBe(7);

    expect((await b.stripe.customers.list()).data).toHaveLength(7);
    const byEmail = await b.stripe.customers.create({ email: 'only@pages.example' });
    expect((await b.stripe.customers.list({ email: 'only@pages.example' })).data.map((c) => c.id)).toEqual([byEmail.id]);
    await expect(b.stripe.customers.list({ limit: 101 })).rejects.toMatchObject({ statusCode: 400, param: 'limit' });
    await expect(b.stripe.customers.list({ starting_after: 'cus_doesnotexist' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'starting_after' });
  });

  it('searches with Stripe’s query language', async () => {
    const s = await createTestAccount('customer search');
    const ann = await s.stripe.customers.create({ email: 'ann@shop.example', name: 'Ann Smith', metadata: { plan: 'pro' } });
    const bob = await s.stripe.customers.create({ email: 'bob@shop.example', name: 'Bob Jones', metadata: { plan: 'free' } });
    const cid = await s.stripe.customers.create({ email: 'cid@other.example', name: 'Cid Smithers' });

    const ids = async (query: string) => (await s.stripe.customers.search({ query })).data.map((c) => c.id).sort();
    expect(await ids(`email:'ann@shop.example'`)).toEqual([ann.id]);
    expect(await ids(`name~'smith'`)).toEqual([ann.id, cid.id].sort());
    expect(await ids(`metadata['plan']:'pro'`)).toEqual([ann.id]);
    expect(await ids(`-metadata['plan']:'pro' AND email~'shop'`)).toEqual([bob.id]);
    expect(await ids(`email:'ann@shop.example' OR email:'bob@shop.example'`)).toEqual([ann.id, bob.id].sort());

    const page = await s.stripe.customers.search({ query: `email~'example'`, limit: 2 });
    expect(page).toMatchObject({ object: 'search_result', url: '/v1/customers/search', has_more: true });
    expect(page.next_page).toEqual(expect.any(String));
    const rest = await s.stripe.customers.search({ query: `email~'example'`, limit: 2, page: page.next_page! });
    expect([...page.data, ...rest.data].map((c) => c.id)).toEqual([cid.id, bob.id, ann.id]);
    expect(rest.has_more).toBe(false);

    // SQL wildcards in a search value are matched literally.
    expect(await ids(`name~'%_%'`)).toEqual([]);
    expect(await ids(`email:'%'`)).toEqual([]);
    expect(await ids(`metadata['plan']~'%%%'`)).toEqual([]);
    const pct = await s.stripe.customers.create({ name: '100% Cotton_Co' });
    expect(await ids(`name~'0% c'`)).toEqual([pct.id]);
    await s.stripe.customers.del(pct.id);
    await expect(s.stripe.customers.search({ query: `email:'a' AND name:'b' OR name:'c'` })).rejects.toMatchObject({ statusCode: 400, param: 'query' });
    await expect(s.stripe.customers.search({ query: `amount>5` })).rejects.toMatchObject({ statusCode: 400, param: 'query' });
  });

  it('enforces metadata limits with Stripe’s errors and writes nothing', async () => {
    const m = await createTestAccount('metadata limits');
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expect(m.stripe.customers.create({ metadata: tooMany })).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', param: 'metadata' });
    await expect(m.stripe.customers.create({ metadata: { ['k'.repeat(41)]: 'v' } })).rejects.toMatchObject({ statusCode: 400 });
    await expect(m.stripe.customers.create({ metadata: { note: 'x'.repeat(501) } })).rejects.toMatchObject({ statusCode: 400, param: 'metadata[note]' });
    expect((await m.stripe.customers.list()).data).toHaveLength(0);

    const c = await m.stripe.customers.create({ metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) });
    await expect(m.stripe.customers.update(c.id, { metadata: { extra: 'v' } })).rejects.toMatchObject({ statusCode: 400, param: 'metadata' });
    expect(Object.keys((await m.stripe.customers.retrieve(c.id) as Stripe.Customer).metadata)).toHaveLength(50);
  });

  it('is the same customer through the graph: queryable and mutable', async () => {
    const g = await createTestAccount('graph customers');
    const created = await graph(g.secretKey, `mutation { createCustomer(input: { email: "graph@example.com", metadata: { source: "graph" } }) { id email metadata } }`);
    expect(created.status).toBe(200);
    const id = created.body.data.createCustomer.id as string;
    expect(id).toMatch(/^cus_/);
    const viaRest = await g.stripe.customers.retrieve(id);
    expect(viaRest).toMatchObject({ id, email: 'graph@example.com', metadata: { source: 'graph' } });

    const updated = await graph(g.secretKey, `mutation($id: ID!) { updateCustomer(id: $id, input: { name: "From Graph" }) { id name } }`, { id });
    expect(updated.body.data.updateCustomer).toEqual({ id, name: 'From Graph' });
    expect(await g.stripe.customers.retrieve(id)).toMatchObject({ name: 'From Graph' });

    const listed = await graph(g.secretKey, `{ customers(limit: 5) { hasMore data { id } } }`);
    expect(listed.body.data.customers).toEqual({ hasMore: false, data: [{ id }] });
  });

  it('404s an unknown customer with Stripe’s message', async () => {
    const res = await edge(a.secretKey).get('/v1/customers/cus_nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: "No such customer: 'cus_nope'" }) });
  });
});
