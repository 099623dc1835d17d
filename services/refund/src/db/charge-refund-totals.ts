import type { RefundTotals } from '../domain/refund-totals';
import type { PrismaClient, RefundTx } from './client';

/**
 * The per-charge authority (charge_refund_totals): how much of a charge may be refunded and how much
 * pending and succeeded refunds hold. Every statement is scoped to the account.
 */
type Db = PrismaClient | RefundTx;

export interface ChargeRefundTotalsRow extends RefundTotals {
  chargeAmount: number;
}

/**
 * The row on first use. Later uses refresh `refundable` from the charge service's answer only where it
 * still covers what is held (it changes once: an uncaptured charge whose release lost the race to a capture).
 */
export async function openTotals(tx: RefundTx, account: string, totals: Omit<ChargeRefundTotalsRow, 'refunded'>): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO charge_refund_totals (account, charge_id, currency, charge_amount, refundable) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (account, charge_id) DO UPDATE SET refundable = EXCLUDED.refundable
       WHERE charge_refund_totals.refundable <> EXCLUDED.refundable AND charge_refund_totals.refunded <= EXCLUDED.refundable`,
    account,
    totals.chargeId,
    totals.currency,
    totals.chargeAmount,
    totals.refundable,
  );
}

export async function readTotals(db: Db, account: string, chargeId: string): Promise<ChargeRefundTotalsRow | null> {
  const rows = await db.$queryRawUnsafe<{ charge_id: string; currency: string; charge_amount: number; refundable: number; refunded: number }[]>(
    'SELECT charge_id, currency, charge_amount, refundable, refunded FROM charge_refund_totals WHERE account = $1 AND charge_id = $2',
    account,
    chargeId,
  );
  const row = rows[0];
  return row ? { chargeId: row.charge_id, currency: row.currency, chargeAmount: row.charge_amount, refundable: row.refundable, refunded: row.refunded } : null;
}

/**
 * THE reservation: one conditional statement, so however many refunds of one charge run at once their
 * sum never passes `refundable` (a concurrent one waits on the row, then the condition is evaluated
 * again on the committed total). False when it would: nothing changed.
 */
export async function reserveRefund(tx: RefundTx, account: string, chargeId: string, amount: number): Promise<boolean> {
  const updated = await tx.$executeRawUnsafe(
    'UPDATE charge_refund_totals SET refunded = refunded + $3 WHERE account = $1 AND charge_id = $2 AND refunded + $3 <= refundable',
    account,
    chargeId,
    amount,
  );
  return updated === 1;
}

/** A failed or canceled refund gives its amount back. */
export async function releaseRefund(tx: RefundTx, account: string, chargeId: string, amount: number): Promise<ChargeRefundTotalsRow> {
  const updated = await tx.$executeRawUnsafe(
    'UPDATE charge_refund_totals SET refunded = refunded - $3 WHERE account = $1 AND charge_id = $2 AND refunded >= $3',
    account,
    chargeId,
    amount,
  );
  if (updated !== 1) throw new Error(`charge ${chargeId} holds less than the ${amount} its refund gives back`);
  return (await readTotals(tx, account, chargeId))!;
}
