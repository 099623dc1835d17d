import type Stripe from 'stripe';
import { newId } from '../services/chassis/src/ids';
import { serviceGraph } from './support/service-graph';
import { createTestAccount, edge, eventually, graph, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

/**
 * The balance service as the single authority over funds: credits from events (pending → available at
 * available_on, read "as of" an injected time), debits booked synchronously by debitBalance under the
 * debit rule, and the balance always the sum of its transactions.
 */
const usd = (balance: Stripe.Balance, kind: 'available' | 'pending') => balance[kind].find((b) => b.currency === 'usd')?.amount ?? 0;

interface GraphBalance {
  balance: { available: { amount: number; currency: string }[]; pending: { amount: number; currency: string }[] };
}
const usdOf = (b: GraphBalance['balance'], kind: 'available' | 'pending') => b[kind].find((x) => x.currency === 'usd')?.amount ?? 0;

const DEBIT = `mutation($input: BalanceDebitInput!) { debitBalance(input: $input) { id amount net fee type status availableOn source reportingCategory } }`;

async function chargeAndBook(a: TestAccount, source: string, amount: number): Promise<Stripe.BalanceTransaction> {
  const charge = await a.stripe.charges.create({ amount, currency: 'usd', source });
  return eventually(async () => (await a.stripe.balanceTransactions.list({ source: charge.id })).data[0], 45_000, `ledger entry of ${charge.id}`);
}

describe('the ledger', () => {
  let a: TestAccount;
  let asService: ReturnType<typeof serviceGraph>;
  beforeAll(async () => {
    a = await createTestAccount('ledger');
    asService = serviceGraph(a.id);
  });

  it('a 10000 charge adds 9680 to pending; it becomes available at its available_on (read as of that time)', async () => {
    const before = await a.stripe.balance.retrieve();
    const entry = await chargeAndBook(a, 'tok_visa', 10_000);
    expect(entry).toMatchObject({ type: 'charge', amount: 10_000, fee: 320, net: 9_680, status: 'pending', reporting_category: 'charge' });
    expectStripeShape(entry, 'balance_transaction');
    const after = await a.stripe.balance.retrieve();
    expect(usd(after, 'pending') - usd(before, 'pending')).toBe(9_680);
    expect(usd(after, 'available')).toBe(usd(before, 'available'));

    const query = 'query($at: Int) { balance(at: $at) { available { amount currency } pending { amount currency } } }';
    const justBefore = await asService<GraphBalance>(query, { at: entry.available_on - 1 });
    const atAvailability = await asService<GraphBalance>(query, { at: entry.available_on });
    expect(usdOf(atAvailability.balance, 'available') - usdOf(justBefore.balance, 'available')).toBeGreaterThanOrEqual(9_680);
    expect(usdOf(atAvailability.balance, 'available') + usdOf(atAvailability.balance, 'pending')).toBe(usd(after, 'available') + usd(after, 'pending'));
  });

  it('balance(at:) is service-only: a merchant key is refused', async () => {
    const res = await graph(a.secretKey, 'query { balance(at: 1) { livemode } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('permission_denied');
  });

  it('a 4000000000000077 charge (tok_bypassPending) lands in available at once', async () => {
    const before = await a.stripe.balance.retrieve();
    const entry = await chargeAndBook(a, 'tok_bypassPending', 10_000);
    expect(entry).toMatchObject({ net: 9_680, status: 'available' });
    const after = await a.stripe.balance.retrieve();
    expect(usd(after, 'available') - usd(before, 'available')).toBe(9_680);
    expect(usd(after, 'pending')).toBe(usd(before, 'pending'));
  });

  it('debitBalance is internal: a merchant key cannot call it', async () => {
    const input = { source: newId('payout'), type: 'payout', amount: 1, currency: 'usd', balanceTransactionId: newId('balanceTransaction') };
    const res = await graph(a.secretKey, DEBIT, { input });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('permission_denied');
    expect((await a.stripe.balanceTransactions.list({ source: input.source })).data).toEqual([]);
  });

  it('a payout debit is booked now, idempotently by source; one above the available balance is balance_insufficient', async () => {
    const available = usd(await a.stripe.balance.retrieve(), 'available');
    expect(available).toBeGreaterThanOrEqual(9_680);
    const input = { source: newId('payout'), type: 'payout', amount: 1_000, currency: 'usd', balanceTransactionId: newId('balanceTransaction') };
    const { debitBalance } = await asService<{ debitBalance: Record<string, unknown> }>(DEBIT, { input });
    expect(debitBalance).toMatchObject({ id: input.balanceTransactionId, amount: -1_000, net: -1_000, fee: 0, type: 'payout', status: 'available', reportingCategory: 'payout' });
    const again = await asService<{ debitBalance: Record<string, unknown> }>(DEBIT, { input });
    expect(again.debitBalance).toEqual(debitBalance);
    expect(usd(await a.stripe.balance.retrieve(), 'available')).toBe(available - 1_000);

    const tooMuch = { ...input, source: newId('payout'), balanceTransactionId: newId('balanceTransaction'), amount: available };
    await expect(asService(DEBIT, { input: tooMuch })).rejects.toMatchObject({ code: 'balance_insufficient' });
    expect(usd(await a.stripe.balance.retrieve(), 'available')).toBe(available - 1_000);
    // the same source with another amount is a caller's bug, not a second debit
    await expect(asService(DEBIT, { input: { ...input, amount: 999 } })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('a refund of funds still pending is booked at their available_on; one no time can cover is refused', async () => {
    const fresh = await createTestAccount('ledger refunds');
    const service = serviceGraph(fresh.id);
    const entry = await chargeAndBook(fresh, 'tok_visa', 10_000);
    const refund = { source: newId('refund'), type: 'refund', amount: 5_000, currency: 'usd', balanceTransactionId: newId('balanceTransaction') };
    const { debitBalance } = await service<{ debitBalance: { availableOn: number; status: string; net: number; fee: number } }>(DEBIT, { input: refund });
    expect(debitBalance).toMatchObject({ availableOn: entry.available_on, status: 'pending', net: -5_000, fee: 0 });
    const balance = await fresh.stripe.balance.retrieve();
    expect(usd(balance, 'available')).toBe(0);
    expect(usd(balance, 'pending')).toBe(9_680 - 5_000);
    const listed = await fresh.stripe.balanceTransactions.list({ type: 'refund' });
    expect(listed.data).toEqual([expect.objectContaining({ id: refund.balanceTransactionId, amount: -5_000, fee: 0, reporting_category: 'refund', source: refund.source })]);

    const impossible = { ...refund, source: newId('refund'), balanceTransactionId: newId('balanceTransaction'), amount: 4_681 };
    await expect(service(DEBIT, { input: impossible })).rejects.toMatchObject({ code: 'balance_insufficient' });
    // nothing is available now, so nothing can be paid out, whatever is pending
    await expect(service(DEBIT, { input: { ...refund, type: 'payout', source: newId('payout'), balanceTransactionId: newId('balanceTransaction'), amount: 1 } })).rejects.toMatchObject({ code: 'balance_insufficient' });
  });

  it('lists balance transactions by type, currency and created, newest first, and retrieves one', async () => {
    const all = await a.stripe.balanceTransactions.list({ limit: 100 });
    expect(all.data.length).toBeGreaterThanOrEqual(3);
    const created = all.data.map((t) => t.created);
    expect([...created].sort((x, y) => y - x)).toEqual(created);
    const charges = await a.stripe.balanceTransactions.list({ type: 'charge', currency: 'usd', limit: 100 });
    expect(charges.data.length).toBeGreaterThanOrEqual(2);
    expect(charges.data.every((t) => t.type === 'charge' && t.currency === 'usd')).toBe(true);
    expect((await a.stripe.balanceTransactions.list({ currency: 'eur' })).data).toEqual([]);
    const newest = all.data[0]!;
    expect((await a.stripe.balanceTransactions.list({ created: { gt: newest.created } })).data).toEqual([]);
    expect((await a.stripe.balanceTransactions.list({ created: { gte: newest.created }, limit: 100 })).data.map((t) => t.id)).toContain(newest.id);
    expect(await a.stripe.balanceTransactions.retrieve(newest.id)).toEqual(newest);
    await expect(a.stripe.balanceTransactions.list({ created: { gt: -1 } })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('the balance is the sum of its transactions', async () => {
    const [balance, all] = await Promise.all([a.stripe.balance.retrieve(), a.stripe.balanceTransactions.list({ limit: 100 })]);
    const sum = all.data.reduce((total, t) => total + t.net, 0);
    expect(usd(balance, 'available') + usd(balance, 'pending')).toBe(sum);
    const available = all.data.filter((t) => t.status === 'available').reduce((total, t) => total + t.net, 0);
    expect(usd(balance, 'available')).toBe(available);
  });

  it('GET /v1/account is the caller’s own account', async () => {
    const account = await a.stripe.accounts.retrieveCurrent();
    expect(account).toMatchObject({ id: a.id, object: 'account', country: 'US', default_currency: 'usd', charges_enabled: true, payouts_enabled: true, settings: { dashboard: { display_name: 'ledger' } } });
    expect(await a.stripe.accounts.retrieve(a.id)).toEqual(account);
    await expect(a.stripe.accounts.retrieve('acct_0000000000000000')).rejects.toMatchObject({ statusCode: 403 });
    const publishable = await edge(a.publishableKey).get('/v1/account');
    expect(publishable.status).toBe(403);
  });
});
