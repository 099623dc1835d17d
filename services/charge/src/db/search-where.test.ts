import { chargeSearchWhere } from './charges';
import { paymentIntentSearchWhere } from './payment-intents';

describe('Stripe search → Prisma filter', () => {
  it('charges: amount comparisons, status mapped to internal statuses, metadata, AND', () => {
    expect(chargeSearchWhere(`amount>1000 AND status:"succeeded" AND metadata['order']:"42"`)).toEqual({
      AND: [
        { amount: { gt: 1000 } },
        { status: { in: ['authorized', 'captured', 'released'] } },
        { metadata: { path: ['order'], equals: '42' } },
      ],
    });
  });

  it('negating a nullable id keeps rows without one; OR combines', () => {
    expect(chargeSearchWhere(`-customer:"cus_1" OR payment_intent:"pi_1"`)).toEqual({
      OR: [{ OR: [{ NOT: { customer: 'cus_1' } }, { customer: null }] }, { paymentIntentId: 'pi_1' }],
    });
  });

  it('payment intents: currency lowercased, created ranges, requires_capture status', () => {
    expect(paymentIntentSearchWhere(`currency:"USD" created>=1700000000 status:"requires_capture"`)).toEqual({
      AND: [{ currency: 'usd' }, { created: { gte: 1_700_000_000 } }, { status: { in: ['awaiting_capture'] } }],
    });
  });

  it('refuses unknown fields and substring matching on ids', () => {
    expect(() => chargeSearchWhere(`email:"a@b.c"`)).toThrow(expect.objectContaining({ code: 'search_query_invalid' }));
    expect(() => paymentIntentSearchWhere(`customer~"cus"`)).toThrow(expect.objectContaining({ code: 'search_query_invalid' }));
    expect(() => chargeSearchWhere(`amount~"10"`)).toThrow(expect.objectContaining({ code: 'search_query_invalid' }));
  });
});
