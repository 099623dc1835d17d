import { Client } from 'pg';
import type Stripe from 'stripe';
import { newId } from '../services/chassis/src/ids';
import { serviceGraph } from './support/service-graph';
import { createTestAccount, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

const PG = process.env.PAYGATE_PG_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE_PREFIX = process.env.PAYGATE_DATABASE_PREFIX ?? 'paygate';
const CUSTOMER_DB = `${DATABASE_PREFIX}_customer`;

const APPLY = `mutation($input: ApplyCustomerBalanceInput!) {
  applyCustomerBalanceToInvoice(input: $input) { startingBalance endingBalance amountDue carriedToBalance } }`;
const RELEASE = `mutation($input: ReleaseCustomerBalanceInput!) {
  releaseCustomerBalanceFromInvoice(input: $input) { startingBalance endingBalance amountDue carriedToBalance } }`;

interface Application {
  startingBalance: number;
  endingBalance: number;
  amountDue: number;
  carriedToBalance: boolean;
}

/**
 * Customer balance transactions through the official SDK (create, list, retrieve, update; a customer's
 * balance is always the sum of its transactions, also when set with customers.update), refused inputs
 * that change nothing, 20 concurrent adjustments, and the service-only mutations the invoice service
 * calls at finalization and void: credit applied, a remainder below the minimum carried, idempotent
 * replays, the release, and a merchant key refused.
 */
describe('customer balance transactions through the official stripe SDK', () => {
  let a: TestAccount;
  let other: TestAccount;
  let asService: ReturnType<typeof serviceGraph>;
  let db: Client;
  beforeAll(async () => {
    a = await createTestAccount('customer balance');
    other = await createTestAccount('customer balance, other account');
    asService = serviceGraph(a.id);
    db = new Client({ connectionString: `${PG}/${CUSTOMER_DB}` });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  const allOf = async (customer: string) => {
    const out: Stripe.CustomerBalanceTransaction[] = [];
    for await (const t of a.stripe.customers.listBalanceTransactions(customer, { limit: 100 })) out.push(t);
    return out;
  };
  /** The customer's balance and the sum of its transactions, which must be equal. */
  const ledgerOf = async (customer: string) => {
    const txns = await allOf(customer);
    const { balance } = (await a.stripe.customers.retrieve(customer)) as Stripe.Customer;
    expect(balance).toBe(txns.reduce((sum, t) => sum + t.amount, 0));
    expect(balance).toBe(txns[0]?.ending_balance ?? 0);
    return { balance, txns };
  };
  const outbox = async (objectId: string) =>
    (
      await db.query<{ type: string; object: Record<string, unknown>; previous: Record<string, unknown> | null }>(
        `SELECT type, payload->'data'->'object' AS object, payload->'data'->'previous_attributes' AS previous FROM outbox_events
          WHERE account = $1 AND payload->'data'->'object'->>'id' = $2 ORDER BY seq`,
        [a.id, objectId],
      )
    ).rows;
  const invoiceId = () => newId('invoice');
  const customerWithCredit = async (amount: number, currency = 'usd') => {
    const customer = await a.stripe.customers.create({ email: 'credit@example.com' });
    if (amount !== 0) await a.stripe.customers.createBalanceTransaction(customer.id, { amount, currency });
    return customer.id;
  };
  const apply = async (input: { customer: string; invoice: string; currency: string; total: number }) =>
    (await asService<{ applyCustomerBalanceToInvoice: Application }>(APPLY, { input })).applyCustomerBalanceToInvoice;
  const release = async (input: { customer: string; invoice: string }) =>
    (await asService<{ releaseCustomerBalanceFromInvoice: Application }>(RELEASE, { input })).releaseCustomerBalanceFromInvoice;

  it('creates adjustments that move the balance; retrieves, lists newest first, pages, updates description and metadata', async () => {
    const customer = await a.stripe.customers.create({ email: 'ledger@example.com' });
    expect(customer).toMatchObject({ balance: 0, currency: null });
    const credit = await a.stripe.customers.createBalanceTransaction(customer.id, { amount: -1500, currency: 'usd', description: 'Goodwill credit', metadata: { ticket: 'T-1' } });
    expect(credit).toMatchObject({
      object: 'customer_balance_transaction', amount: -1500, currency: 'usd', customer: customer.id, type: 'adjustment', ending_balance: -1500,
      description: 'Goodwill credit', metadata: { ticket: 'T-1' }, invoice: null, credit_note: null, checkout_session: null, livemode: false,
    });
    expect(credit.id).toMatch(/^cbtxn_[0-9A-Za-z]{24}$/);
    expect(Math.abs(credit.created - Date.now() / 1000)).toBeLessThan(60);
    expectStripeShape(credit, 'customer_balance_transaction');
    expect(await a.stripe.customers.retrieve(customer.id)).toMatchObject({ balance: -1500, currency: 'usd' });

    const debit = await a.stripe.customers.createBalanceTransaction(customer.id, { amount: 400, currency: 'usd' });
    expect(debit).toMatchObject({ amount: 400, ending_balance: -1100, description: null, metadata: {} });
    expect(await a.stripe.customers.retrieveBalanceTransaction(customer.id, credit.id)).toEqual(credit);

    const listed = await a.stripe.customers.listBalanceTransactions(customer.id);
    expect(listed).toMatchObject({ object: 'list', url: `/v1/customers/${customer.id}/balance_transactions`, has_more: false });
    expect(listed.data).toEqual([debit, credit]);
    const page = await a.stripe.customers.listBalanceTransactions(customer.id, { limit: 1 });
    expect(page).toMatchObject({ has_more: true, data: [debit] });
    expect((await a.stripe.customers.listBalanceTransactions(customer.id, { limit: 1, starting_after: debit.id })).data).toEqual([credit]);
    expect((await a.stripe.customers.listBalanceTransactions(customer.id, { ending_before: credit.id })).data).toEqual([debit]);
    expect((await a.stripe.customers.listBalanceTransactions(customer.id, { created: { gt: credit.created + 3600 } })).data).toEqual([]);

    const expanded = await a.stripe.customers.retrieveBalanceTransaction(customer.id, credit.id, { expand: ['customer'] });
    expect(expanded.customer).toMatchObject({ id: customer.id, object: 'customer', balance: -1100 });

    const updated = await a.stripe.customers.updateBalanceTransaction(customer.id, credit.id, { description: 'Credit for the outage', metadata: { ticket: '', reason: 'outage' } });
    expect(updated).toEqual({ ...credit, description: 'Credit for the outage', metadata: { reason: 'outage' } });
    expect(await a.stripe.customers.retrieveBalanceTransaction(customer.id, credit.id)).toEqual(updated);
    expect((await ledgerOf(customer.id)).balance).toBe(-1100);

    // events: the transaction's created, and customer.updated with the previous balance (and currency)
    const events = await outbox(credit.id);
    expect(events).toEqual([{ type: 'customer_balance_transaction.created', object: expect.objectContaining({ object: 'customer_balance_transaction', id: credit.id, amount: -1500, endingBalance: -1500, customer: customer.id }), previous: null }]);
    const customerEvents = (await outbox(customer.id)).filter((e) => e.type === 'customer.updated');
    expect(customerEvents.map((e) => [e.object.balance, e.previous])).toEqual([
      [-1500, { balance: 0, currency: null }],
      [-1100, { balance: -1500 }],
    ]);
  });

  it('a balance set with customers.create or customers.update is a transaction too (initial, adjustment for the difference)', async () => {
    const customer = await a.stripe.customers.create({ balance: -700 });
    expect(customer).toMatchObject({ balance: -700, currency: 'usd' });
    const [initial] = await allOf(customer.id);
    expect(initial).toMatchObject({ type: 'initial', amount: -700, ending_balance: -700, currency: 'usd' });

    const updated = await a.stripe.customers.update(customer.id, { balance: -2000, name: 'Balance Set' });
    expect(updated).toMatchObject({ balance: -2000, name: 'Balance Set' });
    const { txns } = await ledgerOf(customer.id);
    expect(txns.map((t) => [t.type, t.amount, t.ending_balance])).toEqual([
      ['adjustment', -1300, -2000],
      ['initial', -700, -700],
    ]);
    await a.stripe.customers.update(customer.id, { balance: -2000 });
    expect(await allOf(customer.id)).toHaveLength(2);
    await a.stripe.customers.createBalanceTransaction(customer.id, { amount: 500, currency: 'usd' });
    expect(await a.stripe.customers.update(customer.id, { balance: 0 })).toMatchObject({ balance: 0 });
    expect((await ledgerOf(customer.id)).txns.map((t) => t.amount)).toEqual([1500, 500, -1300, -700]);
  });

  it('refuses bad input with Stripe’s error and param, and changes nothing', async () => {
    const customer = await customerWithCredit(-300);
    const before = await ledgerOf(customer);
    const refusals: [Promise<unknown>, Record<string, unknown>][] = [
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 0, currency: 'usd' }), { statusCode: 400, param: 'amount' }],
      [a.stripe.customers.createBalanceTransaction(customer, { currency: 'usd' } as Stripe.CustomerCreateBalanceTransactionParams), { statusCode: 400, code: 'parameter_missing', param: 'amount' }],
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 100 } as Stripe.CustomerCreateBalanceTransactionParams), { statusCode: 400, code: 'parameter_missing', param: 'currency' }],
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 100, currency: 'eur' }), { statusCode: 400, type: 'StripeInvalidRequestError', param: 'currency' }],
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 100, currency: 'xyz' }), { statusCode: 400, param: 'currency' }],
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 2_147_483_647, currency: 'usd' }).then(() => a.stripe.customers.createBalanceTransaction(customer, { amount: 2_147_483_647, currency: 'usd' })), { statusCode: 400, param: 'amount' }],
      [a.stripe.customers.createBalanceTransaction(customer, { amount: 100, currency: 'usd', description: 'x'.repeat(351) }), { statusCode: 400, param: 'description' }],
      [other.stripe.customers.createBalanceTransaction(customer, { amount: 100, currency: 'usd' }), { statusCode: 404, code: 'resource_missing', param: 'customer', message: `No such customer: '${customer}'` }],
      [other.stripe.customers.listBalanceTransactions(customer), { statusCode: 404, code: 'resource_missing', param: 'customer' }],
      [other.stripe.customers.retrieveBalanceTransaction(customer, before.txns[0]!.id), { statusCode: 404, code: 'resource_missing' }],
      [a.stripe.customers.retrieveBalanceTransaction(customer, 'cbtxn_unknown'), { statusCode: 404, code: 'resource_missing', param: 'transaction' }],
      [a.stripe.customers.updateBalanceTransaction(customer, 'cbtxn_unknown', { description: 'x' }), { statusCode: 404, code: 'resource_missing' }],
      [a.stripe.customers.updateBalanceTransaction(customer, before.txns[0]!.id, { amount: 5 } as Stripe.CustomerUpdateBalanceTransactionParams), { statusCode: 400, code: 'parameter_unknown', param: 'amount' }],
      [a.stripe.customers.listBalanceTransactions(customer, { starting_after: 'cbtxn_unknown' }), { statusCode: 404, param: 'starting_after' }],
    ];
    for (const [call, expected] of refusals) await expect(call).rejects.toMatchObject(expected);
    const after = await ledgerOf(customer);
    // the one 2147483647 adjustment that fits is the only change
    expect(after.txns.slice(1)).toEqual(before.txns);
    expect(after.balance).toBe(-300 + 2_147_483_647);
    const deleted = await a.stripe.customers.create({});
    await a.stripe.customers.del(deleted.id);
    await expect(a.stripe.customers.createBalanceTransaction(deleted.id, { amount: 100, currency: 'usd' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('an Idempotency-Key makes one adjustment however often it is sent, also past the edge’s own record', async () => {
    const customer = await customerWithCredit(0);
    const key = `cbt-${Date.now()}`;
    const first = await a.stripe.customers.createBalanceTransaction(customer, { amount: -250, currency: 'usd' }, { idempotencyKey: key });
    const again = await a.stripe.customers.createBalanceTransaction(customer, { amount: -250, currency: 'usd' }, { idempotencyKey: key });
    expect(again).toEqual(first);
    // a retry the edge cannot answer from its own records (lost, e.g. after a crash): the customer service
    // finds the transaction this key made and books nothing
    const edgeDb = new Client({ connectionString: `${PG}/${DATABASE_PREFIX}_edge` });
    await edgeDb.connect();
    await edgeDb.query('DELETE FROM idempotency_records WHERE account_id = $1 AND key = $2', [a.id, key]).finally(() => edgeDb.end());
    const retried = await a.stripe.customers.createBalanceTransaction(customer, { amount: -250, currency: 'usd' }, { idempotencyKey: key });
    expect(retried).toEqual(first);
    expect(await allOf(customer)).toHaveLength(1);
    expect(await a.stripe.customers.retrieve(customer)).toMatchObject({ balance: -250 });
  });

  it('20 concurrent adjustments of one customer all count, each ending balance one step of the chain', async () => {
    const customer = await customerWithCredit(0);
    const amounts = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 1000 + i : -(500 + i * 7)));
    await Promise.all(amounts.map((amount) => a.stripe.customers.createBalanceTransaction(customer, { amount, currency: 'usd' })));
    const { balance, txns } = await ledgerOf(customer);
    expect(txns).toHaveLength(20);
    expect(balance).toBe(amounts.reduce((s, n) => s + n, 0));
    const oldestFirst = [...txns].reverse();
    let running = 0;
    for (const t of oldestFirst) {
      running += t.amount;
      expect(t.ending_balance).toBe(running);
    }
    expect(oldestFirst.map((t) => t.amount).sort()).toEqual([...amounts].sort());
  });

  it('the graph: Customer.balanceTransactions and Query.customerBalanceTransaction', async () => {
    const customer = await customerWithCredit(-900);
    const [txn] = await allOf(customer);
    const res = await graph(
      a.secretKey,
      `query($c: ID!, $t: ID!) { customer(id: $c) { balance balanceTransactions(limit: 5) { hasMore data { id amount endingBalance type customer { id email } } } }
         customerBalanceTransaction(customer: $c, id: $t) { id amount currency type invoice { id } } }`,
      { c: customer, t: txn!.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      customer: { balance: -900, balanceTransactions: { hasMore: false, data: [{ id: txn!.id, amount: -900, endingBalance: -900, type: 'adjustment', customer: { id: customer, email: 'credit@example.com' } }] } },
      customerBalanceTransaction: { id: txn!.id, amount: -900, currency: 'usd', type: 'adjustment', invoice: null },
    });
  });

  describe('the invoice service’s mutations (service-only)', () => {
    it('a credit of −1000 on a 2500 invoice: amount due 1500, balance 0; a replay returns the same and writes nothing', async () => {
      const customer = await customerWithCredit(-1000);
      const input = { customer, invoice: invoiceId(), currency: 'usd', total: 2500 };
      const outcome = await apply(input);
      expect(outcome).toEqual({ startingBalance: -1000, endingBalance: 0, amountDue: 1500, carriedToBalance: false });
      const { balance, txns } = await ledgerOf(customer);
      expect(balance).toBe(0);
      expect(txns[0]).toMatchObject({ type: 'applied_to_invoice', amount: 1000, ending_balance: 0, invoice: input.invoice });
      expectStripeShape(txns[0]!, 'customer_balance_transaction');
      expect((await a.stripe.customers.listBalanceTransactions(customer, { invoice: input.invoice })).data).toEqual([txns[0]]);

      await a.stripe.customers.createBalanceTransaction(customer, { amount: -5000, currency: 'usd' });
      expect(await apply(input)).toEqual(outcome);
      await expect(apply({ ...input, total: 2600 })).rejects.toMatchObject({ code: 'invalid_request', details: { param: 'invoice' } });
      expect((await ledgerOf(customer)).txns).toHaveLength(txns.length + 1);
    });

    it('more credit than the total: amount due 0, the rest stays as credit', async () => {
      const customer = await customerWithCredit(-3000);
      expect(await apply({ customer, invoice: invoiceId(), currency: 'usd', total: 2500 })).toEqual({ startingBalance: -3000, endingBalance: -500, amountDue: 0, carriedToBalance: false });
      expect((await ledgerOf(customer)).balance).toBe(-500);
    });

    it('a remainder below the usd minimum (20 < 50) is carried to the balance: nothing charged, the next invoice owes it', async () => {
      const customer = await customerWithCredit(-2480);
      const invoice = invoiceId();
      expect(await apply({ customer, invoice, currency: 'usd', total: 2500 })).toEqual({ startingBalance: -2480, endingBalance: 20, amountDue: 0, carriedToBalance: true });
      const { txns } = await ledgerOf(customer);
      expect(txns.slice(0, 2).map((t) => [t.type, t.amount, t.ending_balance, t.invoice])).toEqual([
        ['invoice_too_small', 20, 20, invoice],
        ['applied_to_invoice', 2480, 0, invoice],
      ]);
      // the next invoice owes it
      expect(await apply({ customer, invoice: invoiceId(), currency: 'usd', total: 1000 })).toEqual({ startingBalance: 20, endingBalance: 0, amountDue: 1020, carriedToBalance: false });
      // an invoice paid from the balance is not voided: its release is refused
      await expect(release({ customer, invoice })).rejects.toMatchObject({ code: 'invalid_request', details: { param: 'invoice' } });
    });

    it('an owed balance is added to the amount due', async () => {
      const customer = await customerWithCredit(300);
      expect(await apply({ customer, invoice: invoiceId(), currency: 'usd', total: 1000 })).toEqual({ startingBalance: 300, endingBalance: 0, amountDue: 1300, carriedToBalance: false });
      // an owed balance below the minimum on a zero total: applied, then carried back; the customer is unchanged
      await a.stripe.customers.createBalanceTransaction(customer, { amount: 20, currency: 'usd' });
      const updatesBefore = (await outbox(customer)).length;
      expect(await apply({ customer, invoice: invoiceId(), currency: 'usd', total: 0 })).toEqual({ startingBalance: 20, endingBalance: 20, amountDue: 0, carriedToBalance: true });
      const { balance, txns } = await ledgerOf(customer);
      expect(balance).toBe(20);
      expect(txns.slice(0, 2).map((t) => [t.type, t.amount])).toEqual([['invoice_too_small', 20], ['applied_to_invoice', -20]]);
      expect(await outbox(customer)).toHaveLength(updatesBefore);
    });

    it('release gives back what the invoice took, once; a late apply after a release of nothing is refused', async () => {
      const customer = await customerWithCredit(-3000);
      const invoice = invoiceId();
      await apply({ customer, invoice, currency: 'usd', total: 2500 });
      const released = await release({ customer, invoice });
      expect(released).toEqual({ startingBalance: -500, endingBalance: -3000, amountDue: 0, carriedToBalance: false });
      expect(await release({ customer, invoice })).toEqual(released);
      const { balance, txns } = await ledgerOf(customer);
      expect(balance).toBe(-3000);
      expect(txns[0]).toMatchObject({ type: 'unapplied_from_invoice', amount: -2500, ending_balance: -3000, invoice });
      // a replay of the apply still answers its first outcome, and takes nothing again
      expect(await apply({ customer, invoice, currency: 'usd', total: 2500 })).toEqual({ startingBalance: -3000, endingBalance: -500, amountDue: 0, carriedToBalance: false });
      expect((await ledgerOf(customer)).txns).toHaveLength(txns.length);

      const voidedFirst = invoiceId();
      expect(await release({ customer, invoice: voidedFirst })).toEqual({ startingBalance: -3000, endingBalance: -3000, amountDue: 0, carriedToBalance: false });
      await expect(apply({ customer, invoice: voidedFirst, currency: 'usd', total: 100 })).rejects.toMatchObject({ code: 'invalid_request', details: { param: 'invoice' } });
      expect((await ledgerOf(customer)).balance).toBe(-3000);
    });

    it('zero balance and jpy: a small total is carried at the jpy minimum (50)', async () => {
      const customer = await customerWithCredit(0);
      expect(await apply({ customer, invoice: invoiceId(), currency: 'jpy', total: 40 })).toEqual({ startingBalance: 0, endingBalance: 40, amountDue: 0, carriedToBalance: true });
      expect(await a.stripe.customers.retrieve(customer)).toMatchObject({ balance: 40, currency: 'jpy' });
      const plain = await customerWithCredit(0);
      expect(await apply({ customer: plain, invoice: invoiceId(), currency: 'usd', total: 2500 })).toEqual({ startingBalance: 0, endingBalance: 0, amountDue: 2500, carriedToBalance: false });
      expect(await allOf(plain)).toEqual([]);
    });

    it('refuses a balance in another currency, another account’s customer and a malformed invoice id, changing nothing', async () => {
      const customer = await customerWithCredit(-1000, 'usd');
      await expect(apply({ customer, invoice: invoiceId(), currency: 'eur', total: 2500 })).rejects.toMatchObject({ code: 'invalid_request', details: { param: 'currency' } });
      await expect(serviceGraph(other.id)(APPLY, { input: { customer, invoice: invoiceId(), currency: 'usd', total: 2500 } })).rejects.toMatchObject({ code: 'resource_missing', details: { param: 'customer' } });
      await expect(apply({ customer, invoice: 'not_an_invoice', currency: 'usd', total: 2500 })).rejects.toMatchObject({ code: 'invalid_request', details: { param: 'invoice' } });
      await expect(apply({ customer, invoice: invoiceId(), currency: 'usd', total: -1 })).rejects.toMatchObject({ details: { param: 'total' } });
      expect((await ledgerOf(customer)).txns).toHaveLength(1);
    });

    it('concurrent applies of one invoice (the invoice service retrying) take the credit once', async () => {
      const customer = await customerWithCredit(-1000);
      const input = { customer, invoice: invoiceId(), currency: 'usd', total: 600 };
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => apply(input)));
      for (const o of outcomes) expect(o).toEqual({ startingBalance: -1000, endingBalance: -400, amountDue: 0, carriedToBalance: false });
      const { balance, txns } = await ledgerOf(customer);
      expect(balance).toBe(-400);
      expect(txns.filter((t) => t.invoice === input.invoice)).toHaveLength(1);
    });

    it('a merchant key cannot call them (the edge’s /graphql door), and nothing moves', async () => {
      const customer = await customerWithCredit(-1000);
      const invoice = invoiceId();
      const applied = await graph(a.secretKey, APPLY, { input: { customer, invoice, currency: 'usd', total: 2500 } });
      expect(applied.body.errors?.[0]?.extensions?.code).toBe('permission_denied');
      const released = await graph(a.secretKey, RELEASE, { input: { customer, invoice } });
      expect(released.body.errors?.[0]?.extensions?.code).toBe('permission_denied');
      expect((await ledgerOf(customer)).balance).toBe(-1000);
      // a later service call is the first
      expect(await apply({ customer, invoice, currency: 'usd', total: 2500 })).toMatchObject({ amountDue: 1500 });
    });
  });
});
