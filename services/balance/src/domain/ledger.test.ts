import { availableOn, balanceTransactionStatus, chargeEntry, LEDGER_ENTRY_TYPES, movementEntry, reportingCategoryOf, withDefaultCurrency } from './ledger';

describe('ledger rules', () => {
  const created = Date.UTC(2026, 10, 21, 15, 30) / 1000;

  it('standard funds are available at 00:00 UTC two days later; immediate ones at once', () => {
    expect(availableOn(created, 'standard')).toBe(Date.UTC(2026, 10, 23) / 1000);
    expect(availableOn(created, 'immediate')).toBe(created);
  });

  it('status splits at read time', () => {
    expect(balanceTransactionStatus(100, 99)).toBe('pending');
    expect(balanceTransactionStatus(100, 100)).toBe('available');
  });

  it('a charge entry carries the charge’s balance transaction id, the fee and the net', () => {
    const entry = chargeEntry(
      { id: 'ch_1', amount: 2000, currency: 'usd', created, description: null, balanceTransactionId: 'txn_1', funds: 'standard' },
      created + 1,
    );
    expect(entry).toMatchObject({ id: 'txn_1', source: 'ch_1', type: 'charge', amount: 2000, fee: 88, net: 1912, currency: 'usd' });
    expect(entry.feeDetails).toEqual([expect.objectContaining({ amount: 88, type: 'stripe_fee' })]);
  });

  it('an empty balance shows usd 0', () => {
    expect(withDefaultCurrency([])).toEqual([{ currency: 'usd', available: 0, pending: 0 }]);
  });

  it('a refund debit carries no fee (Stripe keeps the charge’s fee) and nets its amount', () => {
    const entry = movementEntry({ id: 'txn_r', type: 'refund', amount: -500, currency: 'usd', source: 're_1', description: null }, created + 10, created);
    expect(entry).toMatchObject({ id: 'txn_r', amount: -500, fee: 0, net: -500, feeDetails: [], reportingCategory: 'refund', availableOn: created + 10, created });
  });

  it.each([
    ['charge', 'charge'],
    ['refund', 'refund'],
    ['refund_failure', 'refund_failure'],
    ['payout', 'payout'],
    ['payout_cancel', 'payout_reversal'],
    ['payout_failure', 'payout_reversal'],
  ] as const)('a %s is reported as %s', (type, category) => {
    expect(reportingCategoryOf(type)).toBe(category);
  });

  it('knows a reporting category for every type it books', () => {
    for (const type of LEDGER_ENTRY_TYPES) expect(reportingCategoryOf(type)).toEqual(expect.any(String));
  });
});
