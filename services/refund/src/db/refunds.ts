import { IDEMPOTENT_EFFECT_TTL_HOURS, listPage, timestampRange, type ListArgs, type Metadata, type Page, type TimestampRange } from '@paygate/chassis';
import type { NetworkOutcome, RefundSettlement } from '../domain/refund-plan';
import type { RefundFailureReason, RefundReason, RefundStatus } from '../domain/refund-status';
import type { PrismaClient, RefundTx } from './client';
import type { Prisma } from './generated/client';
import type { RefundRow } from './refund-node';

/** Persistence of refunds: rows in, rows out. The rules live in src/domain, the steps in src/use-cases. */
type Db = PrismaClient | RefundTx;

export interface NewRefund {
  id: string;
  account: string;
  created: number;
  amount: number;
  currency: string;
  chargeId: string;
  paymentIntentId: string | null;
  reason: RefundReason | null;
  metadata: Metadata;
  settlement: RefundSettlement;
  networkOutcome: NetworkOutcome;
  /** Pre-assigned for a balance debit, so a retried debit names the same ledger entry. */
  balanceTransactionId: string | null;
  recoverAt: Date;
}

/** A refund starts pending: its amount is held on the charge, its settlement not yet done. */
export function insertPendingRefund(tx: RefundTx, refund: NewRefund): Promise<RefundRow> {
  return tx.refund.create({ data: { ...refund, status: 'pending' satisfies RefundStatus } });
}

/** A refund of this account, or null (another account's id is simply not there). */
export function findRefund(db: Db, account: string, id: string): Promise<RefundRow | null> {
  return db.refund.findFirst({ where: { id, account } });
}

/** The refund an earlier request with this Idempotency-Key made within the key's lifetime, if any. */
export async function refundMadeWithKey(db: Db, account: string, key: string, operation: string): Promise<RefundRow | null> {
  const since = new Date(Date.now() - IDEMPOTENT_EFFECT_TTL_HOURS * 3_600_000);
  const effect = await db.idempotentEffect.findFirst({ where: { account, key, operation, createdAt: { gt: since } } });
  return effect ? findRefund(db, account, effect.objectId) : null;
}

/** Holds the row until the transaction ends (metadata updates and cancels take turns). */
export async function lockRefund(tx: RefundTx, account: string, id: string): Promise<RefundRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM refunds WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findRefund(tx, account, id);
}

/** Moves `id` from `from` to the new state only if it is still in `from`: null when another settler got there first. */
async function transition(tx: RefundTx, id: string, from: RefundStatus, data: Prisma.RefundUpdateManyMutationInput): Promise<RefundRow | null> {
  const { count } = await tx.refund.updateMany({ where: { id, status: from }, data });
  return count === 1 ? tx.refund.findUniqueOrThrow({ where: { id } }) : null;
}

/** The debit was booked (or the hold released). A fails_async refund gets the time the network's late "no" arrives. */
export function markRefundSucceeded(tx: RefundTx, id: string, failsAt: Date | null): Promise<RefundRow | null> {
  return transition(tx, id, 'pending', { status: 'succeeded' satisfies RefundStatus, recoverAt: null, failsAt });
}

/** The refund did not go through: before its debit (nothing to return) or after it (the credit returning the funds). */
export function markRefundFailed(
  tx: RefundTx,
  id: string,
  from: RefundStatus,
  failure: { failureReason: RefundFailureReason; failureBalanceTransactionId: string | null },
): Promise<RefundRow | null> {
  return transition(tx, id, from, { status: 'failed' satisfies RefundStatus, recoverAt: null, failsAt: null, ...failure });
}

export function markRefundCanceled(tx: RefundTx, id: string): Promise<RefundRow | null> {
  return transition(tx, id, 'requires_action', { status: 'canceled' satisfies RefundStatus, failureReason: 'merchant_request' satisfies RefundFailureReason });
}

export function updateRefundMetadata(tx: RefundTx, id: string, metadata: Metadata): Promise<RefundRow> {
  return tx.refund.update({ where: { id }, data: { metadata } });
}

export interface RefundListFilter {
  charge?: string | null;
  paymentIntent?: string | null;
  created?: TimestampRange | null;
}

/** Newest first, within the account and the filter. */
export function listRefunds(db: Db, account: string, filter: RefundListFilter | null | undefined, args: ListArgs): Promise<Page<RefundRow>> {
  const where: Prisma.RefundWhereInput = { account };
  if (filter?.charge) where.chargeId = filter.charge;
  if (filter?.paymentIntent) where.paymentIntentId = filter.paymentIntent;
  const created = timestampRange(filter?.created, 'created');
  if (created) where.created = created;
  return listPage(db.refund, { where, kind: 'refund', toNode: (row) => row }, args);
}

/** A pending refund not settled yet is the recovery sweep's from `at` on. */
export async function postponeRecovery(db: Db, id: string, at: Date): Promise<void> {
  await db.refund.updateMany({ where: { id, status: 'pending' satisfies RefundStatus }, data: { recoverAt: at } });
}

/** How many refunds of the charge the account has (Stripe's total_count of charge.refunds). */
export function countRefundsOfCharge(db: Db, account: string, chargeId: string): Promise<number> {
  return db.refund.count({ where: { account, chargeId } });
}

/** Pending refunds whose request should long have settled them (it died, or the balance service did not answer). */
export function refundsToRecover(db: Db, now: Date, take = 100): Promise<RefundRow[]> {
  return db.refund.findMany({ where: { status: 'pending' satisfies RefundStatus, recoverAt: { lte: now } }, orderBy: { seq: 'asc' }, take });
}

/** Succeeded fails_async refunds whose late failure is due. */
export function refundsDueToFail(db: Db, now: Date, take = 100): Promise<RefundRow[]> {
  return db.refund.findMany({ where: { status: 'succeeded' satisfies RefundStatus, failsAt: { lte: now } }, orderBy: { seq: 'asc' }, take });
}

/** The earliest recover_at of a pending refund or fails_at of a succeeded one; null when none is waiting. */
export async function nextRefundDueAt(db: Db): Promise<Date | null> {
  const [row] = await db.$queryRawUnsafe<{ at: Date | null }[]>(
    `SELECT LEAST((SELECT min(recover_at) FROM refunds WHERE status = 'pending'), (SELECT min(fails_at) FROM refunds WHERE status = 'succeeded')) AS at`,
  );
  return row?.at ?? null;
}
