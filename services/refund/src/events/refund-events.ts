import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { ChargeRefundSummary } from '../domain/refund-totals';
import type { RefundNode } from '../db/refund-node';

/**
 * What this service publishes, one payload type per event name. Consumers (the balance service books
 * refund_failure from refund.failed) read these shapes; data.object of a refund event is the refund as
 * the graph returns it, with its balance transaction ids as ids.
 */
export interface RefundEventObject extends RefundNode {
  object: 'refund';
}

/** charge.refunded: a summary of the charge as refunds left it (the charge itself is the charge service's). */
export interface ChargeRefundedObject extends ChargeRefundSummary {
  object: 'charge';
  id: string;
  amount: number;
}

export type RefundEventType = 'refund.created' | 'refund.updated' | 'refund.failed' | 'charge.refund.updated';

/** Refund events in the outbox, in the caller's transaction: several names for one change share one payload. */
export async function writeRefundEvents(tx: RawSql, account: string, types: readonly RefundEventType[], node: RefundNode, created: number): Promise<void> {
  const object: RefundEventObject = { object: 'refund', ...node };
  for (const type of types) await writeOutboxEvent(tx, buildEvent(type, account, { ...object }, created));
}

export async function writeChargeRefunded(tx: RawSql, account: string, charge: Omit<ChargeRefundedObject, 'object'>, created: number): Promise<void> {
  const object: ChargeRefundedObject = { object: 'charge', ...charge };
  await writeOutboxEvent(tx, buildEvent('charge.refunded', account, { ...object }, created));
}
