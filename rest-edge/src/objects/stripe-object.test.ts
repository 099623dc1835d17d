import { chargeObject, type ChargeNode } from './charge';
import { paymentIntentObject } from './payment-intent';
import { parseExpand, renderObject, selectionOf } from './stripe-object';

const expectExpandError = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(expect.objectContaining({ code: 'invalid_request', details: { param: 'expand' }, message: expect.stringMatching(message) }));
};

describe('expand[] through the object modules', () => {
  it('builds a tree through the modules, several paths merged', () => {
    expect(parseExpand(paymentIntentObject, ['latest_charge.customer', 'latest_charge.balance_transaction', 'customer'])).toEqual({
      latest_charge: { customer: {}, balance_transaction: {} },
      customer: {},
    });
  });

  it('lists take data. paths only', () => {
    expect(parseExpand(chargeObject, ['data.customer'], true)).toEqual({ customer: {} });
    expectExpandError(() => parseExpand(chargeObject, ['customer'], true), /cannot be expanded \(customer\)/);
  });

  it('refuses a property that is not expandable, an empty segment and more than four levels', () => {
    expectExpandError(() => parseExpand(chargeObject, ['outcome']), /cannot be expanded \(outcome\)/);
    expectExpandError(() => parseExpand(chargeObject, ['customer.sources']), /cannot be expanded/);
    expectExpandError(() => parseExpand(chargeObject, ['customer.']), /cannot be expanded/);
    expectExpandError(() => parseExpand(chargeObject, ['__proto__']), /cannot be expanded/);
    expect(parseExpand(chargeObject, ['payment_intent.latest_charge.payment_intent.customer'])).toBeDefined();
    expectExpandError(() => parseExpand(chargeObject, ['payment_intent.latest_charge.payment_intent.latest_charge.customer']), /more than 4 levels/);
  });

  it('selects only ids of unexpanded references and the whole object of expanded ones', () => {
    const plain = selectionOf(chargeObject);
    expect(plain).toContain('customer { id }');
    expect(plain).toContain('paymentIntent { id }');
    const expanded = selectionOf(chargeObject, { payment_intent: { customer: {} } });
    expect(expanded).toMatch(/paymentIntent \{ .*clientSecret.*customer \{ id created/s);
  });

  it('renders a reference as its id, an expanded one as the object, a missing one as null', () => {
    const node = {
      id: 'ch_1',
      customer: { id: 'cus_1' },
      paymentIntent: null,
      balanceTransaction: { id: 'txn_1', amount: 2000, availableOn: 1, created: 1, currency: 'usd', description: null, fee: 88, feeDetails: [], net: 1912, reportingCategory: 'charge', source: 'ch_1', status: 'pending', type: 'charge' },
      fraudDetails: { stripeReport: null, userReport: null },
      billingDetails: { address: null, email: null, name: null, phone: null },
      paymentMethodDetails: null,
      metadata: {},
    } as unknown as ChargeNode;
    const plain = renderObject(chargeObject, node);
    expect(plain).toMatchObject({ id: 'ch_1', object: 'charge', customer: 'cus_1', payment_intent: null, balance_transaction: 'txn_1' });
    const expanded = renderObject(chargeObject, node, { balance_transaction: {} });
    expect(expanded.balance_transaction).toMatchObject({ id: 'txn_1', object: 'balance_transaction', net: 1912, fee_details: [] });
  });
});
