import { PaygateError } from '@paygate/chassis';
import { adjustmentCurrency, applyBalanceToInvoice, invoiceBalance, runningBalances, unappliedEntry } from './customer-balance';

describe('applyBalanceToInvoice (Stripe: balance applied at finalization, a too-small remainder carried)', () => {
  it.each([
    // balance, total, currency → amountDue, endingBalance, carried, entries
    ['credit smaller than the total', -1000, 2500, 'usd', 1500, 0, false, [{ type: 'applied_to_invoice', amount: 1000 }]],
    ['credit larger than the total', -3000, 2500, 'usd', 0, -500, false, [{ type: 'applied_to_invoice', amount: 2500 }]],
    ['credit leaving 20 < usd 50: carried', -2480, 2500, 'usd', 0, 20, true, [{ type: 'applied_to_invoice', amount: 2480 }, { type: 'invoice_too_small', amount: 20 }]],
    ['credit leaving exactly the usd minimum: charged', -2450, 2500, 'usd', 50, 0, false, [{ type: 'applied_to_invoice', amount: 2450 }]],
    ['owed balance added to the total', 300, 1000, 'usd', 1300, 0, false, [{ type: 'applied_to_invoice', amount: -300 }]],
    ['zero balance', 0, 2500, 'usd', 2500, 0, false, []],
    ['zero balance, a total below the minimum', 0, 20, 'usd', 0, 20, true, [{ type: 'invoice_too_small', amount: 20 }]],
    ['zero balance, zero total', 0, 0, 'usd', 0, 0, false, []],
    ['credit on a zero total: nothing moves', -700, 0, 'usd', 0, -700, false, []],
    ['owed balance alone below the minimum: applied, then carried back', 20, 0, 'usd', 0, 20, true, [{ type: 'applied_to_invoice', amount: -20 }, { type: 'invoice_too_small', amount: 20 }]],
    ['jpy (zero-decimal, minimum 50): 40 is carried', -960, 1000, 'jpy', 0, 40, true, [{ type: 'applied_to_invoice', amount: 960 }, { type: 'invoice_too_small', amount: 40 }]],
    ['jpy: 50 is charged', -950, 1000, 'jpy', 50, 0, false, [{ type: 'applied_to_invoice', amount: 950 }]],
    ['gbp minimum is 30: 29 carried', 0, 29, 'gbp', 0, 29, true, [{ type: 'invoice_too_small', amount: 29 }]],
    ['eur minimum is 50: 50 charged', 0, 50, 'eur', 50, 0, false, []],
  ] as const)('%s', (_name, balance, total, currency, amountDue, endingBalance, carriedToBalance, entries) => {
    expect(applyBalanceToInvoice(balance, total, currency)).toEqual({ startingBalance: balance, endingBalance, amountDue, carriedToBalance, entries });
  });

  it('the ending balance is the starting balance plus what was booked', () => {
    for (const balance of [-5000, -2480, -1, 0, 1, 49, 300]) {
      for (const total of [0, 1, 49, 50, 2500]) {
        const outcome = applyBalanceToInvoice(balance, total, 'usd');
        expect(outcome.endingBalance).toBe(balance + outcome.entries.reduce((sum, e) => sum + e.amount, 0));
        expect(outcome.amountDue === 0 || outcome.amountDue >= 50).toBe(true);
      }
    }
  });

  it.each([
    ['a negative total', -1, 'usd', 'total'],
    ['a fractional total', 10.5, 'usd', 'total'],
    ['an unknown currency', 100, 'xyz', 'currency'],
  ] as const)('refuses %s', (_name, total, currency, param) => {
    expect(() => applyBalanceToInvoice(0, total, currency)).toThrow(expect.objectContaining({ details: { param } }));
  });

  it('refuses an amount due beyond a 32-bit balance', () => {
    expect(() => applyBalanceToInvoice(2_000_000_000, 200_000_000, 'usd')).toThrow(PaygateError);
  });
});

describe('balance currency rules', () => {
  const customer = (balance: number, currency: string | null) => ({ id: 'cus_1', balance, currency });

  it('an adjustment must be in the customer’s currency, or sets it', () => {
    expect(adjustmentCurrency(customer(0, null), 'eur')).toBe('eur');
    expect(adjustmentCurrency(customer(-100, 'usd'), 'usd')).toBe('usd');
    expect(() => adjustmentCurrency(customer(0, 'usd'), 'eur')).toThrow(expect.objectContaining({ details: { param: 'currency' } }));
  });

  it('an invoice sees the balance in its own currency; a non-zero balance in another is refused', () => {
    expect(invoiceBalance(customer(-100, 'usd'), 'usd')).toBe(-100);
    expect(invoiceBalance(customer(-100, null), 'eur')).toBe(-100);
    expect(invoiceBalance(customer(0, 'usd'), 'eur')).toBe(0);
    expect(() => invoiceBalance(customer(-100, 'usd'), 'eur')).toThrow(expect.objectContaining({ details: { param: 'currency' } }));
  });
});

describe('runningBalances', () => {
  it('chains ending balances and refuses leaving the 32-bit range', () => {
    expect(runningBalances(-100, [{ type: 'adjustment', amount: 30 }, { type: 'adjustment', amount: -50 }])).toEqual([-70, -120]);
    expect(() => runningBalances(2_147_483_000, [{ type: 'adjustment', amount: 1000 }])).toThrow(expect.objectContaining({ details: { param: 'amount' } }));
  });

  it('a release reverses what was applied', () => {
    expect(unappliedEntry(2480)).toEqual({ type: 'unapplied_from_invoice', amount: -2480 });
    expect(unappliedEntry(-300)).toEqual({ type: 'unapplied_from_invoice', amount: 300 });
  });
});
