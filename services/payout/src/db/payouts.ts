import { type ListArgs, listPage, type Metadata, type Page, timestampRange, type TimestampRange } from '@paygate/chassis';
import { STANDARD_SUBMIT_DELAY_SECONDS } from '../domain/payout-schedule';
import { VISIBLE_PAYOUT_STATUSES, type PayoutRowStatus, type PayoutStatus } from '../domain/payout-status';
import type { PayoutTx, PrismaClient } from './client';
import type { Prisma } from './generated/client';
import type { PayoutRow } from './payout-node';

/** Persistence of payouts: rows in, rows out. The rules live in src/domain, the steps in src/use-cases. */
type Db = PrismaClient | PayoutTx;

const visible = { status: { in: [...VISIBLE_PAYOUT_STATUSES] } } satisfies Prisma.PayoutWhereInput;

export type NewPayout = Omit<Prisma.PayoutUncheckedCreateInput, 'seq' | 'status' | 'updatedAt'> & { status: PayoutRowStatus };

export function insertPayout(tx: PayoutTx, data: NewPayout): Promise<PayoutRow> {
  return tx.payout.create({ data });
}

/** A payout of this account a merchant may see, or null (another account's, or a reservation). */
export function findPayout(db: Db, account: string, id: string): Promise<PayoutRow | null> {
  return db.payout.findFirst({ where: { id, account, ...visible } });
}

/** Any row of this account, reservations included (the protocol's own reads). */
export function findPayoutRow(db: Db, account: string, id: string): Promise<PayoutRow | null> {
  return db.payout.findFirst({ where: { id, account } });
}

/** Holds the row until the transaction ends: a cancel, a sweep and a reversal take turns. */
export async function lockPayout(tx: PayoutTx, account: string, id: string): Promise<PayoutRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM payouts WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findPayoutRow(tx, account, id);
}

/** Moves a row from `from` to `to` with `changes`; null when it was no longer in `from` (someone else moved it). */
async function transition(tx: PayoutTx, id: string, from: PayoutRowStatus, to: PayoutRowStatus, changes: Prisma.PayoutUpdateManyMutationInput = {}): Promise<PayoutRow | null> {
  const { count } = await tx.payout.updateMany({ where: { id, status: from }, data: { ...changes, status: to } });
  return count === 1 ? tx.payout.findUniqueOrThrow({ where: { id } }) : null;
}

/** Step 3 of the reservation: the balance booked the debit, the payout exists for the merchant. */
export const markPayoutReserved = (tx: PayoutTx, id: string) => transition(tx, id, 'reserving', 'pending');
/** The balance could not cover it: the row is dead, never shown, pruned later. */
export const markPayoutRefused = (tx: PayoutTx, id: string) => transition(tx, id, 'reserving', 'refused');
export const markPayoutInTransit = (tx: PayoutTx, id: string) => transition(tx, id, 'pending', 'in_transit');
export const markPayoutPaid = (tx: PayoutTx, id: string) => transition(tx, id, 'in_transit', 'paid');

export function markPayoutFailed(tx: PayoutTx, id: string, failure: { failureCode: string; failureMessage: string; failureBalanceTransactionId: string | null }): Promise<PayoutRow | null> {
  return transition(tx, id, 'in_transit', 'failed', failure);
}

export function markPayoutCanceled(tx: PayoutTx, id: string, failureBalanceTransactionId: string | null): Promise<PayoutRow | null> {
  return transition(tx, id, 'pending', 'canceled', { failureBalanceTransactionId });
}

/** Links a paid payout to its reversal, once. */
export async function markPayoutReversed(tx: PayoutTx, id: string, reversedById: string): Promise<PayoutRow | null> {
  const { count } = await tx.payout.updateMany({ where: { id, status: 'paid' satisfies PayoutStatus, reversedById: null }, data: { reversedById } });
  return count === 1 ? tx.payout.findUniqueOrThrow({ where: { id } }) : null;
}

export function updatePayoutMetadata(tx: PayoutTx, id: string, metadata: Metadata): Promise<PayoutRow> {
  return tx.payout.update({ where: { id }, data: { metadata } });
}

export interface PayoutListFilter {
  status?: PayoutStatus | null;
  destination?: string | null;
  created?: TimestampRange | null;
  arrivalDate?: TimestampRange | null;
}

/** Newest first; reservations never appear. */
export function listPayouts(db: Db, account: string, filter: PayoutListFilter, args: ListArgs): Promise<Page<PayoutRow>> {
  const where: Prisma.PayoutWhereInput = { account, ...(filter.status ? { status: filter.status } : visible) };
  if (filter.destination) where.destination = filter.destination;
  const created = timestampRange(filter.created, 'created');
  if (created) where.created = created;
  const arrival = timestampRange(filter.arrivalDate, 'arrival_date');
  if (arrival) where.arrivalDate = arrival;
  return listPage(db.payout, { where, cursorWhere: { account, ...visible }, kind: 'payout', toNode: (row) => row }, args);
}

/** Reservations begun at or before `cutoff` and never finished (their request died or is very slow). */
export function staleReservations(db: Db, cutoff: number): Promise<PayoutRow[]> {
  return db.payout.findMany({ where: { status: 'reserving' satisfies PayoutRowStatus, created: { lte: cutoff } }, orderBy: { seq: 'asc' }, take: 200 });
}

/** Payouts with a step due by `now` (src/domain/payout-schedule.ts); `account` null sweeps every account. */
export function payoutsDue(db: Db, now: number, account: string | null): Promise<PayoutRow[]> {
  return db.payout.findMany({
    where: {
      ...(account ? { account } : {}),
      OR: [
        { status: 'pending' satisfies PayoutStatus, OR: [{ method: 'instant' }, { created: { lte: now - STANDARD_SUBMIT_DELAY_SECONDS } }] },
        { status: 'in_transit' satisfies PayoutStatus, arrivalDate: { lte: now } },
      ],
    },
    orderBy: { seq: 'asc' },
    take: 500,
  });
}

/** Retention: refused reservations older than `before` are of no use to anyone. */
export async function deleteRefusedPayouts(db: Db, before: number): Promise<number> {
  const { count } = await db.payout.deleteMany({ where: { status: 'refused' satisfies PayoutRowStatus, created: { lt: before } } });
  return count;
}
