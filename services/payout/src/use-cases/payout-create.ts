import { claimIdempotentEffect, newId, requireSecretCaller, type SubgraphContext } from '@paygate/chassis';
import { payoutArrivalDate } from '../domain/payout-arrival';
import { insufficientFundsForPayout, parsePayoutCreate, type PayoutCreateParams } from '../domain/payout-params';
import { toPayoutNode, type PayoutNode, type PayoutRow } from '../db/payout-node';
import { insertPayout, lockPayout, markPayoutRefused, markPayoutReserved, staleReservations } from '../db/payouts';
import { writePayoutEvent } from '../events/payout-events';
import { payoutDestination } from './bank-accounts';
import { crashPoint } from './crash-point';
import type { PayoutDeps } from './deps';
import { reserveFunds } from './reserve-funds';

type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'requestId' | 'idempotencyKey'>;

/**
 * POST /v1/payouts. The funds are reserved synchronously on the balance service, in three steps that
 * survive a crash of any process between them (services/payout/README.md):
 *   1. the row, status `reserving` (never shown) with its pre-assigned balance transaction id, and the
 *      Idempotency-Key, commit in one transaction;
 *   2. debitBalance (idempotent by the payout id) books the debit or answers balance_insufficient;
 *   3. under the row's lock: `pending` + the payout.created event in one transaction — or `refused`
 *      (dead, never shown) and a 400 when the balance could not cover it.
 * A row left in `reserving` is finished by finishStaleReservations (the same step 2 and 3).
 */
export async function createPayout(deps: PayoutDeps, caller: Caller, input: PayoutCreateParams): Promise<PayoutNode> {
  requireSecretCaller(caller);
  const params = parsePayoutCreate(input);
  const { account } = caller;
  const id = newId('payout');
  // The payout this request made, or — a retry of its Idempotency-Key — the one the first attempt made.
  const payoutId = await deps.prisma.$transaction(async (tx) => {
    if (caller.idempotencyKey) {
      const existing = await claimIdempotentEffect(tx, { account, key: caller.idempotencyKey, operation: 'payout.create', objectId: id });
      if (existing) return existing;
    }
    const destination = await payoutDestination(tx, deps, account, params.currency, params.destination);
    const created = deps.clock();
    await insertPayout(tx, {
      id,
      account,
      created,
      amount: params.amount,
      currency: params.currency,
      arrivalDate: payoutArrivalDate(created, params.method),
      status: 'reserving',
      method: params.method,
      destination: destination.id,
      description: params.description,
      statementDescriptor: params.statementDescriptor,
      balanceTransactionId: newId('balanceTransaction'),
      metadata: params.metadata,
    });
    return id;
  });
  crashPoint(deps, 'after_reservation_row');
  return shownOrRefused(await finishReservation(deps, account, payoutId, caller.requestId), payoutId);
}

function shownOrRefused(row: PayoutRow | null, id: string): PayoutNode {
  if (!row) throw new Error(`payout ${id} vanished during its reservation`);
  if (row.status === 'refused') throw insufficientFundsForPayout(row.currency);
  return toPayoutNode(row);
}

/**
 * Steps 2 and 3 for one row, under its lock so that two finishers (the request and the sweeper, or a
 * retry of the same Idempotency-Key) take turns: the second finds the row settled. A failure to reach
 * the balance rolls back and leaves the row `reserving` for the next attempt. Returns the row as it ends.
 */
export async function finishReservation(deps: PayoutDeps, account: string, id: string, requestId: string): Promise<PayoutRow | null> {
  let settled = false;
  const row = await deps.prisma.$transaction(
    async (tx) => {
      const locked = await lockPayout(tx, account, id);
      if (!locked || locked.status !== 'reserving') return locked;
      const reservation = await reserveFunds(deps, locked, requestId);
      crashPoint(deps, 'after_debit');
      settled = true;
      if (reservation.outcome === 'insufficient') return markPayoutRefused(tx, id);
      const pending = await markPayoutReserved(tx, id);
      if (pending) await writePayoutEvent(tx, 'payout.created', pending, deps.clock());
      return pending;
    },
    // The lock is held across the graph call (its own timeout is 30 s).
    { maxWait: 10_000, timeout: 40_000 },
  );
  if (settled) deps.afterCommit();
  return row;
}

/** Reservations older than this are presumed orphaned by a dead request; a live one finishes well within it. */
export const RESERVATION_GRACE_SECONDS = 5;

/** Periodic: finishes every reservation left unfinished (a process died between the steps). Returns how many settled. */
export async function finishStaleReservations(deps: PayoutDeps): Promise<number> {
  let finished = 0;
  const failures: unknown[] = [];
  for (const row of await staleReservations(deps.prisma, deps.clock() - RESERVATION_GRACE_SECONDS)) {
    try {
      const done = await finishReservation(deps, row.account, row.id, 'req_reservation_sweep');
      if (done && done.status !== 'reserving') finished += 1;
    } catch (err) {
      failures.push(err); // the balance is unreachable, say: the row waits for the next sweep
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} reservation(s) could not be finished; retried on the next sweep`);
  return finished;
}
