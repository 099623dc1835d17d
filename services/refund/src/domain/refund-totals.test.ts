import { displayAmount } from './display-amount';
import { chargeRefundSummary, refundAmountFor, type RefundTotals } from './refund-totals';

const totals = (refunded: number, refundable = 1000): RefundTotals => ({ chargeId: 'ch_1', currency: 'usd', refundable, refunded });

describe('what a charge shows about its refunds', () => {
  it('shows nothing refunded without a row', () => {
    expect(chargeRefundSummary(null)).toEqual({ amountRefunded: 0, refunded: false });
  });

  it('is refunded once the whole refundable amount is', () => {
    expect(chargeRefundSummary({ refundable: 1000, refunded: 300 })).toEqual({ amountRefunded: 300, refunded: false });
    expect(chargeRefundSummary({ refundable: 1000, refunded: 1000 })).toEqual({ amountRefunded: 1000, refunded: true });
  });

  it('never calls a charge with nothing refunded "refunded" (a failed refund gave its amount back)', () => {
    expect(chargeRefundSummary({ refundable: 0, refunded: 0 })).toEqual({ amountRefunded: 0, refunded: false });
  });
});

describe('a new refund amount', () => {
  it('defaults to what is left', () => {
    expect(refundAmountFor(undefined, totals(0), 'balance_debit')).toBe(1000);
    expect(refundAmountFor(null, totals(250), 'balance_debit')).toBe(750);
  });

  it('allows partial refunds up to what is left', () => {
    expect(refundAmountFor(400, totals(250), 'balance_debit')).toBe(400);
    expect(refundAmountFor(750, totals(250), 'balance_debit')).toBe(750);
  });

  it("refuses an over-refund with Stripe's messages", () => {
    expect(() => refundAmountFor(1001, totals(0), 'balance_debit')).toThrow(
      expect.objectContaining({ code: 'amount_too_large', message: 'Refund amount ($10.01) is greater than charge amount ($10.00)', details: { param: 'amount' } }),
    );
    expect(() => refundAmountFor(751, totals(250), 'balance_debit')).toThrow(
      expect.objectContaining({ code: 'amount_too_large', message: 'Refund amount ($7.51) is greater than unrefunded amount on charge ($7.50)' }),
    );
  });

  it('refuses a fully refunded charge as charge_already_refunded', () => {
    expect(() => refundAmountFor(1, totals(1000), 'balance_debit')).toThrow(expect.objectContaining({ code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' }));
    expect(() => refundAmountFor(undefined, totals(1000), 'balance_debit')).toThrow(expect.objectContaining({ code: 'charge_already_refunded' }));
  });

  it('refuses a zero, negative or fractional amount', () => {
    for (const amount of [0, -5, 1.5]) {
      expect(() => refundAmountFor(amount, totals(0), 'balance_debit')).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer', details: { param: 'amount' } }));
    }
  });

  it('releases an uncaptured authorization whole or not at all', () => {
    expect(refundAmountFor(undefined, totals(0), 'authorization_release')).toBe(1000);
    expect(refundAmountFor(1000, totals(0), 'authorization_release')).toBe(1000);
    expect(() => refundAmountFor(400, totals(0), 'authorization_release')).toThrow(expect.objectContaining({ code: 'invalid_request', details: { param: 'amount' } }));
  });
});

describe('amounts in messages', () => {
  it.each([
    [2500, 'usd', '$25.00'],
    [5445, 'gbp', '£54.45'],
    [7, 'eur', '€0.07'],
    [500, 'jpy', '¥500'],
    [1234, 'sek', '12.34 sek'],
  ])('%d %s → %s', (amount, currency, shown) => expect(displayAmount({ amount, currency })).toBe(shown));
});
