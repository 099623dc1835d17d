import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { PaymentIntentNode } from '../db/payment-intent-node';

export type PaymentIntentEventType =
  | 'payment_intent.created'
  | 'payment_intent.requires_action'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled';

/** A payment intent event in the outbox, in the caller's transaction; data.object is the node as the graph returns it. */
export async function writePaymentIntentEvent(tx: RawSql, type: PaymentIntentEventType, account: string, node: PaymentIntentNode, created: number): Promise<void> {
  await writeOutboxEvent(tx, buildEvent(type, account, { object: 'payment_intent', ...node }, created));
}
