import type { Metadata } from '@paygate/chassis';
import { parseRefundFailureReason, parseRefundReason, parseRefundStatus, type RefundFailureReason, type RefundReason, type RefundStatus } from '../domain/refund-status';
import type { Refund as RefundRow } from './generated/client';

export type { RefundRow };

/**
 * The refund as the graph shows it. Ids of other objects stay ids here (charge, paymentIntent, the
 * balance transactions) and become federation references in the resolvers, so events carry them as ids.
 */
export interface RefundNode {
  id: string;
  created: number;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: RefundReason | null;
  description: string | null;
  failureReason: RefundFailureReason | null;
  charge: string;
  paymentIntent: string | null;
  balanceTransactionId: string | null;
  failureBalanceTransactionId: string | null;
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
    failureReason: row.failureReason === null ? null : parseRefundFailureReason(row.failureReason),
    charge: row.chargeId,
    paymentIntent: row.paymentIntentId,
    balanceTransactionId: row.balanceTransactionId,
    failureBalanceTransactionId: row.failureBalanceTransactionId,
    metadata: row.metadata as Metadata,
  };
}
