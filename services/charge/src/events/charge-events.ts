import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { ChargeNode } from '../db/charge-node';

export type ChargeEventType = 'charge.succeeded' | 'charge.failed' | 'charge.captured' | 'charge.updated' | 'charge.expired';

/**
 * A charge event in the outbox, in the caller's transaction. data.object is the node as the graph
 * returns it; `funds` rides along for the ledger (when money becomes available), not a Stripe field.
 */
export async function writeChargeEvent(tx: RawSql, type: ChargeEventType, account: string, node: ChargeNode, funds: string, created: number): Promise<void> {
  await writeOutboxEvent(tx, buildEvent(type, account, { object: 'charge', ...node, funds }, created));
}
