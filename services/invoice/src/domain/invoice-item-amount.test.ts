import { invoiceItemAmount, updatedInvoiceItemAmount } from './invoice-item-amount';

describe('invoice item amounts', () => {
  it('takes amount as a line of quantity 1, negative for a credit', () => {
    expect(invoiceItemAmount({ amount: 2500 })).toEqual({ amount: 2500, unitAmount: 2500, quantity: 1 });
    expect(invoiceItemAmount({ amount: -300 })).toEqual({ amount: -300, unitAmount: -300, quantity: 1 });
  });

  it('multiplies a unit amount by the quantity, also given as a whole decimal', () => {
    expect(invoiceItemAmount({ unitAmount: 700, quantity: 3 })).toEqual({ amount: 2100, unitAmount: 700, quantity: 3 });
    expect(invoiceItemAmount({ unitAmountDecimal: '700.00', quantity: 2 })).toEqual({ amount: 1400, unitAmount: 700, quantity: 2 });
    expect(invoiceItemAmount({ unitAmount: 700 })).toEqual({ amount: 700, unitAmount: 700, quantity: 1 });
  });

  it.each([
    [{ quantity: 2 }, 'parameter_missing', 'amount'],
    [{ amount: 100, unitAmount: 100 }, 'parameters_exclusive', 'unit_amount'],
    [{ unitAmount: 100, unitAmountDecimal: '100' }, 'parameters_exclusive', 'unit_amount_decimal'],
    [{ unitAmountDecimal: '10.5' }, 'invalid_request', 'unit_amount_decimal'],
    [{ unitAmount: 100, quantity: -1 }, 'parameter_invalid_integer', 'quantity'],
    [{ amount: 100, quantity: 3 }, 'invalid_request', 'quantity'],
    [{ amount: 100_000_000 }, 'amount_too_large', 'amount'],
    [{ unitAmount: 50_000_000, quantity: 3 }, 'amount_too_large', 'quantity'],
  ] as const)('refuses %j with %s on %s', (params, code, param) => {
    expect(() => invoiceItemAmount(params)).toThrow(expect.objectContaining({ code, details: { param } }));
  });

  it('updates one side of unit amount × quantity and keeps the other', () => {
    const current = { amount: 2100, unitAmount: 700, quantity: 3 };
    expect(updatedInvoiceItemAmount(current, {})).toBe(current);
    expect(updatedInvoiceItemAmount(current, { quantity: 5 })).toEqual({ amount: 3500, unitAmount: 700, quantity: 5 });
    expect(updatedInvoiceItemAmount(current, { unitAmount: 100 })).toEqual({ amount: 300, unitAmount: 100, quantity: 3 });
    expect(updatedInvoiceItemAmount(current, { amount: 999 })).toEqual({ amount: 999, unitAmount: 999, quantity: 1 });
    expect(() => updatedInvoiceItemAmount(current, { quantity: -2 })).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer' }));
  });
});
