import { PaygateError } from '@paygate/chassis';
import { parseNetworkOutcome, parseSettlement } from '../domain/refund-plan';
import type { RefundFailureReason } from '../domain/refund-status';
import { chargeRefundSummary } from '../domain/refund-totals';
import type { RefundTx } from '../db/client';
import { readTotals, releaseRefund } from '../db/charge-refund-totals';
import { toRefundNode, type RefundRow } from '../db/refund-node';
import { findRefund, markRefundFailed, markRefundSucceeded, postponeRecovery } from '../db/refunds';
import { writeChargeRefunded, writeRefundEvents } from '../events/refund-events';
import { serviceCaller } from './refund-target';
import { unixSeconds, type RefundDeps } from './deps';

/** How long after a fails_async refund succeeded the card network's "no" arrives. */
export const LATE_FAILURE_AFTER_MS = 3_000;
/** When the balance or charge service did not answer, the recovery sweep asks again this much later. */
export const RETRY_SETTLEMENT_AFTER_MS = 15_000;
/**
 * The balance learns of a charge's funds from its event, through Kafka: a refund right after the charge
 * may find them not booked yet. Refused that early, it stays pending and is asked again this often,
 * and fails (insufficient_funds) only once it is older than the grace.
 */
export const INSUFFICIENT_FUNDS_GRACE_MS = 30_000;
export const INSUFFICIENT_FUNDS_RETRY_MS = 1_000;

const DEBIT_BALANCE = 'mutation($input: BalanceDebitInput!) { debitBalance(input: $input) { id } }';
const RELEASE_AUTHORIZATION = 'mutation($chargeId: ID!) { releaseAuthorization(chargeId: $chargeId) { id } }';

type Answer = { outcome: 'done' } | { outcome: 'refused'; failureReason: RefundFailureReason } | { outcome: 'unanswered'; error: unknown };

/**
 * Step 2 of the protocol (README): ask the service that moves the money. Both calls are idempotent (the
 * debit by refund id and its pre-assigned txn_ id; a released hold stays released), so asking again
 * after a crash or a timeout is always safe.
 */
async function askToSettle(deps: RefundDeps, row: RefundRow, requestId: string): Promise<Answer> {
  const caller = serviceCaller({ account: row.account, requestId });
  try {
    const settlement = parseSettlement(row.settlement);
    switch (settlement) {
      case 'balance_debit': {
        const input = { source: row.id, type: 'refund', amount: row.amount, currency: row.currency, balanceTransactionId: row.balanceTransactionId, description: null };
        await deps.graph.execute(DEBIT_BALANCE, { input }, caller);
        break;
      }
      case 'authorization_release':
        await deps.graph.execute(RELEASE_AUTHORIZATION, { chargeId: row.chargeId }, caller);
        break;
      default: {
        const unhandled: never = settlement;
        throw new Error(`Unhandled refund settlement ${String(unhandled)}`);
      }
    }
    return { outcome: 'done' };
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'balance_insufficient') return { outcome: 'refused', failureReason: 'insufficient_funds' };
    // The hold was captured between our read and the release: nothing to release, the merchant refunds the capture.
    if (err instanceof PaygateError && err.code === 'charge_already_captured') return { outcome: 'refused', failureReason: 'unknown' };
    return { outcome: 'unanswered', error: err };
  }
}

/** Step 3, the money moved: succeeded, refund.created and charge.refunded in one transaction. Null if another settler did it. */
async function recordSucceeded(tx: RefundTx, deps: RefundDeps, row: RefundRow): Promise<RefundRow | null> {
  const now = deps.now();
  const failsAt = parseNetworkOutcome(row.networkOutcome) === 'fails_async' ? new Date(now.getTime() + LATE_FAILURE_AFTER_MS) : null;
  const settled = await markRefundSucceeded(tx, row.id, failsAt);
  if (!settled) return null;
  const totals = (await readTotals(tx, row.account, row.chargeId))!;
  await writeRefundEvents(tx, row.account, ['refund.created'], toRefundNode(settled), unixSeconds(now));
  await writeChargeRefunded(tx, row.account, { id: row.chargeId, amount: totals.chargeAmount, ...chargeRefundSummary(totals) }, unixSeconds(now));
  return settled;
}

/** Step 3, refused (nothing was debited): failed, the amount given back to the charge, refund.created. */
async function recordRefused(tx: RefundTx, deps: RefundDeps, row: RefundRow, failureReason: RefundFailureReason): Promise<RefundRow | null> {
  const failed = await markRefundFailed(tx, row.id, 'pending', { failureReason, failureBalanceTransactionId: null });
  if (!failed) return null;
  await releaseRefund(tx, row.account, row.chargeId, row.amount);
  await writeRefundEvents(tx, row.account, ['refund.created'], toRefundNode(failed), unixSeconds(deps.now()));
  return failed;
}

/**
 * Finishes a pending refund: asks the balance (or charge) service, then records the answer. Unanswered
 * (the service is down, the call timed out), it stays pending and the recovery sweep asks again later.
 * Whoever settles first wins (a conditional update); the others return what it recorded.
 */
export async function settleRefund(deps: RefundDeps, row: RefundRow, requestId: string): Promise<RefundRow> {
  if (row.status !== 'pending') return row;
  const answer = await askToSettle(deps, row, requestId);
  const now = deps.now().getTime();
  if (answer.outcome === 'unanswered') {
    deps.logger.warn({ err: answer.error, refund: row.id, requestId }, 'refund settlement unanswered; the recovery sweep will ask again');
    // Never earlier than planned: a call that timed out may still be running at the other end.
    const at = Math.max(row.recoverAt?.getTime() ?? 0, now + RETRY_SETTLEMENT_AFTER_MS);
    await postponeRecovery(deps.prisma, row.id, new Date(at));
    deps.due.expect(at);
    return row;
  }
  if (answer.outcome === 'refused' && answer.failureReason === 'insufficient_funds' && now - row.created * 1000 < INSUFFICIENT_FUNDS_GRACE_MS) {
    await postponeRecovery(deps.prisma, row.id, new Date(now + INSUFFICIENT_FUNDS_RETRY_MS));
    deps.due.expect(now + INSUFFICIENT_FUNDS_RETRY_MS);
    return (await findRefund(deps.prisma, row.account, row.id))!;
  }
  const settled = await deps.prisma.$transaction((tx) => (answer.outcome === 'done' ? recordSucceeded(tx, deps, row) : recordRefused(tx, deps, row, answer.failureReason)));
  if (settled) {
    deps.afterCommit();
    deps.due.expect(settled.failsAt);
  }
  return settled ?? (await findRefund(deps.prisma, row.account, row.id))!;
}
