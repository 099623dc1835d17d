import { amountRefunded, chargeRefundTotals, isFullyRefunded, refundAmountFor, unrefundedAmount } from './refund-totals';

describe('charge refund totals', () => {
  const refunds = [
    { amount: 300, status: 'succeeded' },
    { amount: 200, status: 'pending' },
    { amount: 1000, status: 'failed' },
    { amount: 1000, status: 'canceled' },
    { amount: 1000, status: 'requires_action' },
  ] as const;

  it('sums succeeded and pending refunds only', () => {
    expect(amountRefunded(refunds)).toBe(500);
    expect(amountRefunded([])).toBe(0);
  });

  it('is refunded once the whole amount is', () => {
    expect(chargeRefundTotals(1000, refunds)).toEqual({ amountRefunded: 500, refunded: false });
    expect(chargeRefundTotals(500, refunds)).toEqual({ amountRefunded: 500, refunded: true });
    expect(chargeRefundTotals(400, refunds)).toEqual({ amountRefunded: 500, refunded: true });
  });

  it('never calls a charge with nothing refunded "refunded"', () => {
    expect(isFullyRefunded(0, 0)).toBe(false);
    expect(chargeRefundTotals(1000, [{ amount: 1000, status: 'failed' }])).toEqual({ amountRefunded: 0, refunded: false });
  });

  it('leaves the rest refundable', () => {
    expect(unrefundedAmount(1000, 300)).toBe(700);
    expect(unrefundedAmount(1000, 1000)).toBe(0);
  });
});

describe('a new refund amount', () => {
  const charge = { amount: 1000, currency: 'usd' };

  it('defaults to what is left', () => {
    expect(refundAmountFor(undefined, charge, 0)).toBe(1000);
    expect(refundAmountFor(null, charge, 250)).toBe(750);
  });

  it('allows partial refunds up to what is left', () => {
    expect(refundAmountFor(400, charge, 250)).toBe(400);
    expect(refundAmountFor(750, charge, 250)).toBe(750);
  });

  it('refuses an over-refund with the amounts in the message', () => {
    expect(() => refundAmountFor(751, charge, 250)).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: 'Refund amount (7.51 usd) is greater than unrefunded amount on charge (7.50 usd)',
        details: { param: 'amount' },
      }),
    );
  });

  it('refuses a fully refunded charge and a non-positive amount', () => {
    expect(() => refundAmountFor(1, charge, 1000)).toThrow(expect.objectContaining({ details: { param: 'charge' } }));
    expect(() => refundAmountFor(0, charge, 0)).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer' }));
    expect(() => refundAmountFor(1.5, charge, 0)).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer' }));
  });
});
