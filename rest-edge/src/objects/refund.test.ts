import { chargeObject, type ChargeNode } from './charge';
import { refundObject, type RefundNode } from './refund';
import { parseExpand, renderObject, selectionOf } from './stripe-object';

const refund = {
  id: 're_1',
  amount: 500,
  created: 1,
  currency: 'usd',
  description: null,
  failureReason: null,
  metadata: {},
  reason: 'requested_by_customer',
  status: 'succeeded',
  charge: { id: 'ch_1' },
  paymentIntent: null,
  balanceTransaction: { id: 'txn_1' },
  failureBalanceTransaction: null,
} as unknown as RefundNode;

describe('the refund object', () => {
  it('renders references as ids and a missing one as null', () => {
    expect(renderObject(refundObject, refund)).toMatchObject({
      id: 're_1', object: 'refund', charge: 'ch_1', payment_intent: null, balance_transaction: 'txn_1', failure_balance_transaction: null, next_action: null,
    });
  });

  it('expands charge, payment_intent and both balance transactions', () => {
    expect(parseExpand(refundObject, ['charge.payment_intent', 'balance_transaction', 'failure_balance_transaction', 'payment_intent'])).toEqual({
      charge: { payment_intent: {} }, balance_transaction: {}, failure_balance_transaction: {}, payment_intent: {},
    });
    expect(selectionOf(refundObject, { charge: {} })).toMatch(/charge \{ .*amountCaptured/s);
  });

  it('is embedded in the charge: its newest refunds as a Stripe list', () => {
    expect(selectionOf(chargeObject)).toContain('refunds(limit: 10) { hasMore totalCount data { id amount');
    const charge = { id: 'ch_1', fraudDetails: { stripeReport: null, userReport: null }, billingDetails: { address: null }, metadata: {}, refunds: { hasMore: true, totalCount: 11, data: [refund] } };
    expect(renderObject(chargeObject, charge as unknown as ChargeNode).refunds).toEqual({
      object: 'list', has_more: true, total_count: 11, url: '/v1/charges/ch_1/refunds', data: [expect.objectContaining({ id: 're_1', object: 'refund', charge: 'ch_1' })],
    });
  });
});
