import { amountRemaining, applyStartingBalance, invoiceSubtotal } from './invoice-amounts';

describe('invoice amounts', () => {
  it('amount_remaining = amount_due - amount_paid', () => {
    expect(amountRemaining(5000, 0)).toBe(5000);
    expect(amountRemaining(5000, 1200)).toBe(3800);
    expect(amountRemaining(5000, 5000)).toBe(0);
  });

  it('subtotal sums the lines', () => {
    expect(invoiceSubtotal([{ amount: 1000 }, { amount: 250 }, { amount: -100 }])).toBe(1150);
    expect(invoiceSubtotal([])).toBe(0);
  });

  it('adds an owed balance to the amount due', () => {
    expect(applyStartingBalance(1000, 300)).toEqual({ amountDue: 1300, endingBalance: 0 });
  });

  it('uses credit up to the total and keeps the rest', () => {
    expect(applyStartingBalance(1000, -400)).toEqual({ amountDue: 600, endingBalance: 0 });
    expect(applyStartingBalance(1000, -1000)).toEqual({ amountDue: 0, endingBalance: 0 });
    expect(applyStartingBalance(1000, -1500)).toEqual({ amountDue: 0, endingBalance: -500 });
  });
});
