import { entityRef, type EntityRef, fail, type ListArgs, type Metadata, type Page, listPage } from '@paygate/chassis';
import { parseRefundReason, parseRefundStatus, REFUNDED_STATUSES, type RefundReason, type RefundStatus } from '../domain/refund-status';
import { chargeRefundTotals, type ChargeRefundTotals } from '../domain/refund-totals';
import type { PrismaClient } from './client';
import type { Prisma, Refund as RefundRow } from './generated/client';

/** The refund as the graph shows it (GraphQL `Refund`). */
export interface RefundNode {
  id: string;
  created: number;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: RefundReason | null;
  description: string | null;
  failureReason: string | null;
  charge: EntityRef<'Charge'>;
  paymentIntent: EntityRef<'PaymentIntent'> | null;
  balanceTransaction: EntityRef<'BalanceTransaction'> | null;
  failureBalanceTransaction: EntityRef<'BalanceTransaction'> | null;
  metadata: Metadata;
}

export function toRefundNode(row: RefundRow): RefundNode {
  return {
    id: row.id,
    created: row.created,
    amount: row.amount,
    currency: row.currency,
    status: parseRefundStatus(row.status),
    reason: row.reason === null ? null : parseRefundReason(row.reason),
    description: row.description,
    failureReason: row.failureReason,
    charge: { __typename: 'Charge', id: row.chargeId },
    paymentIntent: entityRef('PaymentIntent', row.paymentIntentId),
    balanceTransaction: entityRef('BalanceTransaction', row.balanceTransactionId),
    failureBalanceTransaction: entityRef('BalanceTransaction', row.failureBalanceTransactionId),
    metadata: row.metadata as Metadata,
  };
}

/** The fields this service contributes to GraphQL `Charge`. */
export interface ChargeRefundNode extends ChargeRefundTotals {
  id: string;
  amount: number;
}

/** Refund reads. Every read is scoped to the calling account. */
export class RefundStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** A refund of this account, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<RefundNode | null> {
    const row = await this.prisma.refund.findFirst({ where: { id, account } });
    return row ? toRefundNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<RefundNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('refund', id);
    return node;
  }

  /** Newest first. */
  list(account: string, args: ListArgs): Promise<Page<RefundNode>> {
    return this.page({ account }, args);
  }

  /** One charge's refunds, newest first (Charge.refunds). */
  listForCharge(account: string, chargeId: string, args: ListArgs): Promise<Page<RefundNode>> {
    return this.page({ account, chargeId }, args);
  }

  /** The charge as this service sees it: its amount (from the charge service) and this account's refunds of it. */
  async chargeRefundState(account: string, chargeId: string, chargeAmount: number): Promise<ChargeRefundNode> {
    const refunds = await this.prisma.refund.findMany({
      where: { account, chargeId, status: { in: [...REFUNDED_STATUSES] } },
      select: { amount: true, status: true },
    });
    const totals = chargeRefundTotals(chargeAmount, refunds.map((r) => ({ amount: r.amount, status: parseRefundStatus(r.status) })));
    return { id: chargeId, amount: chargeAmount, ...totals };
  }

  private async page(where: Prisma.RefundWhereInput, args: ListArgs): Promise<Page<RefundNode>> {
    return listPage(this.prisma.refund, { where, kind: 'refund', toNode: toRefundNode }, args);
  }
}
