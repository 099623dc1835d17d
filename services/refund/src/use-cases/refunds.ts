import { fail, idempotently, mergeMetadata, newId, requireSecretCaller, type ListArgs, type Metadata, type Page } from '@paygate/chassis';
import { planRefund, type RefundSettlement } from '../domain/refund-plan';
import { assertCancelable, assertMerchantReason, parseRefundStatus, releasesReservation, type RefundReason } from '../domain/refund-status';
import { chargeRefundSummary, refundAmountFor, type ChargeRefundSummary } from '../domain/refund-totals';
import type { PrismaClient, RefundTx } from '../db/client';
import { openTotals, readTotals, releaseRefund, reserveRefund } from '../db/charge-refund-totals';
import { toRefundNode, type RefundNode, type RefundRow } from '../db/refund-node';
import * as store from '../db/refunds';
import { writeRefundEvents } from '../events/refund-events';
import type { Caller } from './caller';
import { unixSeconds, type RefundDeps } from './deps';
import { assertChargeExists, refundTarget } from './refund-target';
import { settleRefund } from './refund-settlement';

/** A pending refund its request has not settled by then is the recovery sweep's (longer than a graph call may take). */
export const RECOVER_AFTER_MS = 60_000;

export interface RefundCreateParams {
  charge?: string | null;
  paymentIntent?: string | null;
  amount?: number | null;
  reason?: RefundReason | null;
  metadata?: Metadata | null;
}

async function refundOrThrow(db: PrismaClient | RefundTx, account: string, id: string): Promise<RefundRow> {
  const row = await store.findRefund(db, account, id);
  if (!row) throw fail.missing('refund', id);
  return row;
}

/**
 * The amount reserved on the charge: decided from the total as it stands, then taken with the one
 * conditional UPDATE. Should another refund commit in between, the UPDATE refuses and the amount is
 * decided again on the new total (which ends in Stripe's error once nothing is left).
 */
async function reserveAmount(tx: RefundTx, account: string, chargeId: string, requested: number | null | undefined, settlement: RefundSettlement): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const totals = await readTotals(tx, account, chargeId);
    if (!totals) throw new Error(`charge ${chargeId} has no refund totals row inside the transaction that opened it`);
    const amount = refundAmountFor(requested, totals, settlement);
    if (await reserveRefund(tx, account, chargeId, amount)) return amount;
  }
  throw new Error(`could not reserve a refund of charge ${chargeId}: the total kept changing`);
}

/**
 * POST /v1/refunds (protocol in README): read the charge through the graph; in one transaction
 * reserve the amount on the charge and write the refund pending, with its Idempotency-Key; then
 * settle it (debit the balance or release the hold) and record the outcome with its events.
 */
export async function createRefund(deps: RefundDeps, caller: Caller, input: RefundCreateParams): Promise<RefundNode> {
  requireSecretCaller(caller);
  assertMerchantReason(input.reason);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  const { account } = caller;
  // A retry of a refund already made answers with it, even though the charge now reads as refunded.
  const earlier = caller.idempotencyKey ? await store.refundMadeWithKey(deps.prisma, account, caller.idempotencyKey, 'refund.create') : null;
  if (earlier) return toRefundNode(await settleRefund(deps, earlier, caller.requestId));
  const charge = await refundTarget(deps, caller, input);
  const plan = planRefund(charge);
  const id = newId('refund');
  const now = deps.now();
  const row = await deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: caller.idempotencyKey, operation: 'refund.create', objectId: id }, (existing) => refundOrThrow(tx, account, existing), async () => {
      await openTotals(tx, account, { chargeId: charge.id, currency: charge.currency, chargeAmount: charge.amount, refundable: plan.refundable });
      const amount = await reserveAmount(tx, account, charge.id, input.amount, plan.settlement);
      return store.insertPendingRefund(tx, {
        id,
        account,
        created: unixSeconds(now),
        amount,
        currency: charge.currency,
        chargeId: charge.id,
        paymentIntentId: charge.paymentIntent?.id ?? null,
        reason: input.reason ?? null,
        metadata,
        settlement: plan.settlement,
        networkOutcome: plan.networkOutcome,
        balanceTransactionId: plan.settlement === 'balance_debit' ? newId('balanceTransaction') : null,
        recoverAt: new Date(now.getTime() + RECOVER_AFTER_MS),
      });
    }),
  );
  deps.due.expect(row.recoverAt);
  return toRefundNode(await settleRefund(deps, row, caller.requestId));
}

export async function retrieveRefund(deps: RefundDeps, caller: Caller, id: string): Promise<RefundNode> {
  requireSecretCaller(caller);
  return toRefundNode(await refundOrThrow(deps.prisma, caller.account, id));
}

/** For references (Refund.__resolveReference): null when not this account's. */
export async function findRefundNode(deps: RefundDeps, account: string, id: string): Promise<RefundNode | null> {
  const row = await store.findRefund(deps.prisma, account, id);
  return row ? toRefundNode(row) : null;
}

export async function listRefunds(deps: RefundDeps, caller: Caller, filter: store.RefundListFilter | null | undefined, args: ListArgs): Promise<Page<RefundNode>> {
  requireSecretCaller(caller);
  const page = await store.listRefunds(deps.prisma, caller.account, filter, args);
  return { data: page.data.map(toRefundNode), hasMore: page.hasMore };
}

/** GET /v1/charges/:id/refunds: 404 for a charge that is not the caller's, then its refunds. */
export async function listChargeRefunds(deps: RefundDeps, caller: Caller, chargeId: string, args: ListArgs): Promise<Page<RefundNode>> {
  requireSecretCaller(caller);
  await assertChargeExists(deps, caller, chargeId);
  return listRefunds(deps, caller, { charge: chargeId }, args);
}

/** Charge.refunds (the charge itself was resolved by the charge service); totalCount is counted only when asked for. */
export async function listRefundsOfCharge(deps: RefundDeps, account: string, chargeId: string, args: ListArgs): Promise<Page<RefundNode> & { chargeId: string }> {
  const page = await store.listRefunds(deps.prisma, account, { charge: chargeId }, args);
  return { data: page.data.map(toRefundNode), hasMore: page.hasMore, chargeId };
}

export function countRefundsOfCharge(deps: RefundDeps, account: string, chargeId: string): Promise<number> {
  return store.countRefundsOfCharge(deps.prisma, account, chargeId);
}

/** Charge.amountRefunded / refunded, from the per-charge total. */
export async function chargeRefundSummaryOf(deps: RefundDeps, account: string, chargeId: string): Promise<ChargeRefundSummary> {
  return chargeRefundSummary(await readTotals(deps.prisma, account, chargeId));
}

/** POST /v1/refunds/:id: metadata only (merged; '' unsets a key). */
export async function updateRefund(deps: RefundDeps, caller: Caller, id: string, input: { metadata?: Metadata | null }): Promise<RefundNode> {
  requireSecretCaller(caller);
  const node = await deps.prisma.$transaction(async (tx) => {
    const row = await store.lockRefund(tx, caller.account, id);
    if (!row) throw fail.missing('refund', id);
    if (input.metadata === undefined) return toRefundNode(row);
    const updated = toRefundNode(await store.updateRefundMetadata(tx, id, mergeMetadata(row.metadata as Metadata, input.metadata)));
    await writeRefundEvents(tx, caller.account, ['refund.updated', 'charge.refund.updated'], updated, unixSeconds(deps.now()));
    return updated;
  });
  deps.afterCommit();
  return node;
}

/** POST /v1/refunds/:id/cancel: only a refund in requires_action; Stripe refuses every other (every card refund). */
export async function cancelRefund(deps: RefundDeps, caller: Caller, id: string): Promise<RefundNode> {
  requireSecretCaller(caller);
  const node = await deps.prisma.$transaction(async (tx) => {
    const row = await store.lockRefund(tx, caller.account, id);
    if (!row) throw fail.missing('refund', id);
    const status = parseRefundStatus(row.status);
    assertCancelable(id, status);
    const canceled = await store.markRefundCanceled(tx, id);
    if (!canceled) throw new Error(`refund ${id} left requires_action under its row lock`);
    if (releasesReservation(status, 'canceled')) await releaseRefund(tx, row.account, row.chargeId, row.amount);
    const shown = toRefundNode(canceled);
    await writeRefundEvents(tx, caller.account, ['refund.updated', 'charge.refund.updated'], shown, unixSeconds(deps.now()));
    return shown;
  });
  deps.afterCommit();
  return node;
}
