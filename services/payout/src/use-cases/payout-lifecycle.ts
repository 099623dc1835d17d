import { claimIdempotentEffect, mergeMetadata, newId, PaygateError, requireSecretCaller, type SubgraphContext } from '@paygate/chassis';
import { payoutArrivalDate } from '../domain/payout-arrival';
import { dueTransitions, type PayoutTransition } from '../domain/payout-schedule';
import { assertCancelable, parsePayoutMethod, parsePayoutRowStatus } from '../domain/payout-status';
import { payoutFailureMessage } from '../domain/test-bank-accounts';
import { findBankAccount } from '../db/bank-accounts';
import type { PayoutTx } from '../db/client';
import { toPayoutNode, type PayoutNode, type PayoutRow } from '../db/payout-node';
import * as store from '../db/payouts';
import { writePayoutEvent, type PayoutEventType } from '../events/payout-events';
import type { PayoutDeps } from './deps';
import { payoutOrThrow } from './payouts';

type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'idempotencyKey'>;

/** Funds go back to the balance only for a payout that took them (a reversal took none). */
const returnedFundsId = (row: PayoutRow) => (row.amount > 0 ? newId('balanceTransaction') : null);

/** One step of the schedule on a locked row, with its event; null when the row had moved on. */
async function applyTransition(tx: PayoutTx, row: PayoutRow, step: PayoutTransition): Promise<{ row: PayoutRow; event: PayoutEventType } | null> {
  switch (step.to) {
    case 'in_transit': {
      const moved = await store.markPayoutInTransit(tx, row.id);
      return moved && { row: moved, event: 'payout.updated' };
    }
    case 'paid': {
      const moved = await store.markPayoutPaid(tx, row.id);
      return moved && { row: moved, event: 'payout.paid' };
    }
    case 'failed': {
      const failure = { failureCode: step.failureCode, failureMessage: payoutFailureMessage(step.failureCode), failureBalanceTransactionId: returnedFundsId(row) };
      const moved = await store.markPayoutFailed(tx, row.id, failure);
      return moved && { row: moved, event: 'payout.failed' };
    }
    default: {
      const unhandled: never = step;
      throw new Error(`Unhandled payout transition ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Moves payouts along their schedule as of `now` (src/domain/payout-schedule.ts): pending →
 * in_transit → paid, or failed for a failing test bank account (the balance returns the funds on
 * payout.failed). Each payout in its own transaction, re-checked under its row lock (a cancel may
 * have won the race). `account` null sweeps every account. Returns how many steps were taken.
 */
export async function advancePayouts(deps: PayoutDeps, account: string | null, now: number): Promise<number> {
  let steps = 0;
  for (const due of await store.payoutsDue(deps.prisma, now, account)) {
    steps += await deps.prisma.$transaction(async (tx) => {
      let row = await store.lockPayout(tx, due.account, due.id);
      if (!row) return 0;
      const destination = row.destination ? await findBankAccount(tx, row.account, row.destination) : null;
      const schedule = { status: parsePayoutRowStatus(row.status), created: row.created, arrivalDate: row.arrivalDate, method: parsePayoutMethod(row.method), testFailureCode: destination?.testFailureCode ?? null };
      let taken = 0;
      for (const step of dueTransitions(schedule, now)) {
        const moved = await applyTransition(tx, row, step);
        if (!moved) break;
        row = moved.row;
        await writePayoutEvent(tx, moved.event, row, deps.clock());
        taken += 1;
      }
      return taken;
    });
  }
  if (steps > 0) deps.afterCommit();
  return steps;
}

/** The advancePayouts mutation: the caller's own payouts, as of `now` (default: the clock). */
export async function advanceCallerPayouts(deps: PayoutDeps, caller: Caller, now: number | null | undefined): Promise<number> {
  requireSecretCaller(caller);
  if (now !== null && now !== undefined && (!Number.isSafeInteger(now) || now < 0)) throw new PaygateError('parameter_invalid_integer', 'now is a unix timestamp in seconds.', { param: 'now' });
  return advancePayouts(deps, caller.account, now ?? deps.clock());
}

/** POST /v1/payouts/:id/cancel: only while pending; the funds come back through payout.canceled (balance: payout_cancel). */
export async function cancelPayout(deps: PayoutDeps, caller: Caller, id: string): Promise<PayoutNode> {
  requireSecretCaller(caller);
  const row = await deps.prisma.$transaction(async (tx) => {
    const locked = await store.lockPayout(tx, caller.account, id);
    const current = locked && (await store.findPayout(tx, caller.account, id));
    if (!current) throw payoutMissing(id);
    assertCancelable(id, toPayoutNode(current).status);
    const canceled = await store.markPayoutCanceled(tx, id, returnedFundsId(current));
    if (!canceled) throw new Error(`payout ${id} moved while locked`);
    await writePayoutEvent(tx, 'payout.canceled', canceled, deps.clock());
    return canceled;
  });
  deps.afterCommit();
  return toPayoutNode(row);
}

const payoutMissing = (id: string) => new PaygateError('resource_missing', `No such payout: '${id.slice(0, 60)}'`, { param: 'id' });

/** Stripe reverses payouts expected to have arrived less than 90 days ago. */
export const REVERSAL_WINDOW_SECONDS = 90 * 86_400;

function assertReversible(row: PayoutRow, now: number): void {
  const refuse = (why: string) => new PaygateError('invalid_request', `Payout ${row.id} cannot be reversed: ${why}`);
  const status = toPayoutNode(row).status;
  if (status === 'pending') throw refuse('it is still pending; use /v1/payouts/:id/cancel instead.');
  if (status !== 'paid') throw refuse(`only paid payouts can be reversed, and this one is ${status}.`);
  if (row.amount < 0 || row.originalPayoutId) throw refuse('it is itself a reversal.');
  if (row.reversedById) throw refuse(`it was already reversed by ${row.reversedById}.`);
  if (row.method === 'instant') throw refuse('instant payouts cannot be reversed.');
  if (now - row.arrivalDate > REVERSAL_WINDOW_SECONDS) throw refuse('it arrived more than 90 days ago.');
}

/**
 * POST /v1/payouts/:id/reverse: a new payout in the opposite direction (negative amount; it debits the
 * bank account), linked both ways (original.reversed_by, reversal.original_payout). Its funds enter the
 * balance when it is paid (balance: a positive `payout` entry on payout.paid).
 */
export async function reversePayout(deps: PayoutDeps, caller: Caller, id: string, metadata: Record<string, string> | null | undefined): Promise<PayoutNode> {
  requireSecretCaller(caller);
  const { account } = caller;
  const reversalId = newId('payout');
  const merged = mergeMetadata({}, metadata ?? {});
  const reversal = await deps.prisma.$transaction(async (tx) => {
    if (caller.idempotencyKey) {
      const existing = await claimIdempotentEffect(tx, { account, key: caller.idempotencyKey, operation: 'payout.reverse', objectId: reversalId });
      if (existing) return payoutOrThrow(tx, account, existing);
    }
    const original = (await store.lockPayout(tx, account, id)) && (await store.findPayout(tx, account, id));
    if (!original) throw payoutMissing(id);
    const now = deps.clock();
    assertReversible(original, now);
    const created = await store.insertPayout(tx, {
      id: reversalId,
      account,
      created: now,
      amount: -original.amount,
      currency: original.currency,
      arrivalDate: payoutArrivalDate(now, 'standard'),
      status: 'pending',
      method: 'standard',
      destination: original.destination,
      originalPayoutId: original.id,
      balanceTransactionId: newId('balanceTransaction'),
      metadata: merged,
    });
    const reversed = await store.markPayoutReversed(tx, original.id, reversalId);
    if (!reversed) throw new Error(`payout ${original.id} moved while locked`);
    await writePayoutEvent(tx, 'payout.updated', reversed, now);
    await writePayoutEvent(tx, 'payout.created', created, now);
    return created;
  });
  deps.afterCommit();
  return toPayoutNode(reversal);
}
