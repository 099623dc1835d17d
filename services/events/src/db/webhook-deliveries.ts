import { currentTraceParent } from '@paygate/chassis';
import type { EventsTx } from './client';

/** One pending delivery per endpoint, due now, in the transaction that stores the event. */
export async function insertDeliveries(tx: EventsTx, account: string, eventId: string, endpointIds: readonly string[], now: Date): Promise<number> {
  if (endpointIds.length === 0) return 0;
  // The event's trace (the consumer's span for it, under the request that made it): each attempt is traced there.
  const traceContext = currentTraceParent();
  const { count } = await tx.webhookDelivery.createMany({
    data: endpointIds.map((endpointId) => ({ eventId, endpointId, account, status: 'pending', nextAttemptAt: now, traceContext })),
    skipDuplicates: true,
  });
  return count;
}

/** A disabled or deleted endpoint gets no further attempts (as Stripe's). */
export async function cancelPendingDeliveries(tx: EventsTx, endpointId: string): Promise<void> {
  await tx.webhookDelivery.updateMany({ where: { endpointId, status: 'pending' }, data: { status: 'canceled', nextAttemptAt: null } });
}
