import { nodeOfPayload, previousAttributes, renderEventObject } from './render-object';
import { paymentIntentObject } from '@paygate/rest-edge/src/objects/payment-intent';
import { chargeObject } from '@paygate/rest-edge/src/objects/charge';

describe('rendering an outbox payload as Stripe JSON', () => {
  it('turns ids into the references the renderers take, as the graph does', () => {
    const node = nodeOfPayload(chargeObject, { object: 'charge', id: 'ch_1', customer: 'cus_1', paymentIntent: null, balanceTransactionId: 'txn_1' });
    expect(node).toMatchObject({ customer: { id: 'cus_1' }, paymentIntent: null, balanceTransaction: { id: 'txn_1' } });
    // A legacy card_… is no PaymentMethod: the graph shows null, and so does the event.
    const pi = nodeOfPayload(paymentIntentObject, { object: 'payment_intent', id: 'pi_1', paymentMethod: 'card_1', lastPaymentError: { paymentMethod: 'pm_1', message: 'x' } });
    expect(pi).toMatchObject({ paymentMethod: null, lastPaymentError: { paymentMethod: { id: 'pm_1' } } });
  });

  it('charge.refunded (a summary) is the last charge snapshot with the refunded amounts and refunds seen', () => {
    const previous = { id: 'ch_1', object: 'charge', amount: 5000, amount_refunded: 0, refunded: false, captured: true, refunds: { object: 'list', data: [] } };
    const refund = { id: 're_1', object: 'refund', amount: 5000 };
    const rendered = renderEventObject({ object: 'charge', id: 'ch_1', amount: 5000, amountRefunded: 5000, refunded: true }, { previous, refunds: { data: [refund], totalCount: 1 } });
    expect(rendered).toEqual({
      ...previous,
      amount_refunded: 5000,
      refunded: true,
      refunds: { object: 'list', data: [refund], has_more: false, total_count: 1, url: '/v1/charges/ch_1/refunds' },
    });
  });

  it('refuses an object no renderer knows (the event is parked, not stored half-rendered)', () => {
    expect(() => renderEventObject({ object: 'subscription', id: 'sub_1' }, { previous: null, refunds: null })).toThrow(/subscription/);
  });

  it('previous_attributes: the producer’s, in Stripe’s spelling, or the attributes changed since the last snapshot', () => {
    expect(previousAttributes('customer.updated', { invoiceSettings: { defaultPaymentMethod: null } }, {}, null)).toEqual({ invoice_settings: { default_payment_method: null } });
    expect(previousAttributes('refund.updated', undefined, { id: 're_1', status: 'failed', metadata: {} }, { id: 're_1', status: 'succeeded', metadata: {} })).toEqual({ status: 'succeeded' });
    expect(previousAttributes('refund.created', undefined, { status: 'failed' }, { status: 'succeeded' })).toBeUndefined();
  });
});
