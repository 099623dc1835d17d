import { checkoutSessionTotals, lineItemAmounts } from './line-item-amounts';

describe('checkout session line item amounts', () => {
  it('multiplies the unit amount by the quantity', () => {
    expect(lineItemAmounts({ unitAmount: 1999, quantity: 3 })).toEqual({
      amountSubtotal: 5997,
      amountDiscount: 0,
      amountTax: 0,
      amountTotal: 5997,
    });
  });

  it('takes the discount off and adds the tax for the total', () => {
    expect(lineItemAmounts({ unitAmount: 1000, quantity: 2, amountDiscount: 300, amountTax: 170 })).toMatchObject({
      amountSubtotal: 2000,
      amountTotal: 1870,
    });
  });

  it.each([
    [{ unitAmount: 10, quantity: 0 }, 'line_items[0][quantity]'],
    [{ unitAmount: 10, quantity: 1.5 }, 'line_items[0][quantity]'],
    [{ unitAmount: -1, quantity: 1 }, 'line_items[0][price_data][unit_amount]'],
    [{ unitAmount: 10, quantity: 1, amountDiscount: 11 }, 'line_items[0]'],
  ])('rejects %p at %s', (line, param) => {
    expect(() => lineItemAmounts(line, 'line_items[0]')).toThrow(expect.objectContaining({ details: { param } }));
  });

  it('sums the lines for the session', () => {
    const lines = [lineItemAmounts({ unitAmount: 500, quantity: 2 }), lineItemAmounts({ unitAmount: 250, quantity: 1, amountDiscount: 50 })];
    expect(checkoutSessionTotals(lines)).toEqual({ amountSubtotal: 1250, amountTotal: 1200 });
    expect(checkoutSessionTotals([])).toEqual({ amountSubtotal: 0, amountTotal: 0 });
  });
});
