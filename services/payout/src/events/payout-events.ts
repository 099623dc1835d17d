import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { PayoutRow } from '../db/payout-node';
import { toPayoutNode } from '../db/payout-node';

export type PayoutEventType = 'payout.created' | 'payout.updated' | 'payout.paid' | 'payout.failed' | 'payout.canceled';

/**
 * data.object of every payout event: the node as the graph returns it, with object: 'payout' and the
 * balance transaction ids flat (what the balance service books returned funds and reversals under).
 * Consumers parse only what they need (services/balance/src/events/payout-object.ts).
 */
export interface PayoutEventObject extends Omit<ReturnType<typeof toPayoutNode>, 'balanceTransaction' | 'failureBalanceTransaction'> {
  object: 'payout';
  balanceTransactionId: string | null;
  failureBalanceTransactionId: string | null;
}

export function payoutEventObject(row: PayoutRow): PayoutEventObject {
  const { balanceTransaction: _bt, failureBalanceTransaction: _fbt, ...node } = toPayoutNode(row);
  return { object: 'payout', ...node, balanceTransactionId: row.balanceTransactionId, failureBalanceTransactionId: row.failureBalanceTransactionId };
}

/** A payout event in the outbox, in the caller's transaction. */
export async function writePayoutEvent(tx: RawSql, type: PayoutEventType, row: PayoutRow, created: number): Promise<void> {
  await writeOutboxEvent(tx, buildEvent(type, row.account, payoutEventObject(row) as unknown as Record<string, unknown>, created));
}
