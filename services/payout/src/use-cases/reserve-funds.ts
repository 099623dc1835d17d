import { PaygateError } from '@paygate/chassis';
import type { PayoutRow } from '../db/payout-node';
import type { PayoutDeps } from './deps';

const DEBIT_BALANCE = `mutation($input: BalanceDebitInput!) { debitBalance(input: $input) { id } }`;

export type Reservation = { outcome: 'booked' } | { outcome: 'insufficient'; error: PaygateError };

/**
 * Step 2 of the reservation: the balance service books the payout's debit (type payout, source = the
 * payout id, under the id the row was given), through the graph and signed as a service. Idempotent
 * by source, so calling it again for the same row returns the debit already booked. Any other failure
 * (the graph or the balance unreachable) throws and leaves the row `reserving` for the sweeper.
 */
export async function reserveFunds(deps: PayoutDeps, row: PayoutRow, requestId: string): Promise<Reservation> {
  if (!row.balanceTransactionId) throw new Error(`payout ${row.id} has no balance transaction id`);
  try {
    await deps.graph.execute(
      DEBIT_BALANCE,
      { input: { source: row.id, type: 'payout', amount: row.amount, currency: row.currency, balanceTransactionId: row.balanceTransactionId, description: row.description ?? 'STRIPE PAYOUT' } },
      { account: row.account, keyType: 'service', requestId },
    );
    return { outcome: 'booked' };
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'balance_insufficient') return { outcome: 'insufficient', error: err };
    throw err;
  }
}
