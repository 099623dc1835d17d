import { newId } from '@paygate/chassis';
import { releasesReservation } from '../domain/refund-status';
import { releaseRefund } from '../db/charge-refund-totals';
import { toRefundNode, type RefundRow } from '../db/refund-node';
import { markRefundFailed, nextRefundDueAt, refundsDueToFail, refundsToRecover } from '../db/refunds';
import { writeRefundEvents } from '../events/refund-events';
import { unixSeconds, type RefundDeps } from './deps';
import { settleRefund } from './refund-settlement';

/**
 * The card network's late answer for a fails_async card (4000000000005126): the succeeded refund
 * fails, a credit (failure_balance_transaction, booked by the balance service from refund.failed)
 * returns its funds, and its amount is refundable again. Returns false when it was no longer due.
 */
async function failLate(deps: RefundDeps, row: RefundRow): Promise<boolean> {
  const failed = await deps.prisma.$transaction(async (tx) => {
    const marked = await markRefundFailed(tx, row.id, 'succeeded', { failureReason: 'expired_or_canceled_card', failureBalanceTransactionId: newId('balanceTransaction') });
    if (!marked) return null;
    if (releasesReservation('succeeded', 'failed')) await releaseRefund(tx, row.account, row.chargeId, row.amount);
    await writeRefundEvents(tx, row.account, ['refund.failed', 'refund.updated', 'charge.refund.updated'], toRefundNode(marked), unixSeconds(deps.now()));
    return marked;
  });
  if (failed) deps.afterCommit();
  return failed !== null;
}

/**
 * The refund service's periodic task: settles refunds left pending (their request died between its two
 * transactions, or the balance service did not answer; asking again is idempotent) and delivers the
 * late failures that are due. One refund's trouble is logged and never stops the others.
 */
export async function sweepRefunds(deps: RefundDeps): Promise<void> {
  // Most ticks ask nothing of the database: only when a refund is known to be due (DueTimes).
  if (!deps.due.due()) return;
  try {
    const now = deps.now();
    for (const row of await refundsToRecover(deps.prisma, now)) {
      await settleRefund(deps, row, newId('request')).catch((err: unknown) => deps.logger.error({ err, refund: row.id }, 'could not settle a pending refund'));
    }
    for (const row of await refundsDueToFail(deps.prisma, now)) {
      await failLate(deps, row).catch((err: unknown) => deps.logger.error({ err, refund: row.id }, 'could not record a refund’s late failure'));
    }
    deps.due.swept(await nextRefundDueAt(deps.prisma));
  } catch (err) {
    deps.due.failed();
    throw err;
  }
}
