import { expectationsOf, mismatches, type LedgerEntry } from './ledger-check';

const acct = 'acct_A';
const charge = { id: 'ch_1', account: acct, status: 'captured', amountCaptured: 1500, balanceTransactionId: 'txn_c' };
const refund = { id: 're_1', account: acct, status: 'succeeded', amount: 500, settlement: 'balance_debit', balanceTransactionId: 'txn_r', failureBalanceTransactionId: null };
const payout = { id: 'po_1', account: acct, status: 'failed', amount: 700, originalPayoutId: null, balanceTransactionId: 'txn_p', failureBalanceTransactionId: 'txn_pf' };
const ledger: LedgerEntry[] = [
  { id: 'txn_c', account: acct, type: 'charge', amount: 1500, source: 'ch_1' },
  { id: 'txn_r', account: acct, type: 'refund', amount: -500, source: 're_1' },
  { id: 'txn_p', account: acct, type: 'payout', amount: -700, source: 'po_1' },
  { id: 'txn_pf', account: acct, type: 'payout_failure', amount: 700, source: 'po_1' },
];

describe('ledger reconciliation', () => {
  const expectations = expectationsOf([charge], [refund], [payout]);

  it('finds nothing when every record has its entries', () => {
    expect(mismatches(expectations, ledger)).toEqual([]);
  });

  it('reports a missing entry, a wrong amount, an orphan and a double', () => {
    expect(mismatches(expectations, ledger.slice(1))).toEqual([expect.stringContaining('missing charge entry txn_c')]);
    const wrong = ledger.map((e) => (e.id === 'txn_r' ? { ...e, amount: -600 } : e));
    expect(mismatches(expectations, wrong)).toEqual([expect.stringContaining('entry txn_r is refund -600')]);
    const orphan = [...ledger, { id: 'txn_x', account: acct, type: 'refund', amount: -1, source: 're_ghost' }];
    expect(mismatches(expectations, orphan)).toEqual([expect.stringContaining('txn_x')]);
    const double = [...ledger, { id: 'txn_c2', account: acct, type: 'charge', amount: 1500, source: 'ch_1' }];
    expect(mismatches(expectations, double)).toEqual(expect.arrayContaining([expect.stringContaining('2 entries for charge ch_1')]));
  });

  it('a refused payout must not debit; records between their steps are in flight, not mismatches', () => {
    const refused = expectationsOf([], [], [{ ...payout, status: 'refused', failureBalanceTransactionId: null }]);
    expect(mismatches(refused, [{ id: 'txn_p', account: acct, type: 'payout', amount: -700, source: 'po_1' }])).toEqual([expect.stringContaining('was refused')]);
    const reserving = expectationsOf([], [], [{ ...payout, status: 'reserving', failureBalanceTransactionId: null }]);
    expect(mismatches(reserving, [{ id: 'txn_p', account: acct, type: 'payout', amount: -700, source: 'po_1' }])).toEqual([]);
    expect(reserving.inFlight).toEqual(['po_1']);
  });
});
