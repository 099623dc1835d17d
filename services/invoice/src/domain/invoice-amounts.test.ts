import { amountRemaining } from './invoice-amounts';

describe('invoice amounts', () => {
  it('amount_remaining = amount_due - amount_paid', () => {
    expect(amountRemaining(5000, 0)).toBe(5000);
    expect(amountRemaining(5000, 1200)).toBe(3800);
    expect(amountRemaining(5000, 5000)).toBe(0);
  });
});
