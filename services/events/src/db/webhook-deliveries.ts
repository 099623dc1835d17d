import type { EventsTx } from './client';

/** A disabled or deleted endpoint gets no further attempts (as Stripe's). */
export async function cancelPendingDeliveries(tx: EventsTx, endpointId: string): Promise<void> {
  await tx.webhookDelivery.updateMany({ where: { endpointId, status: 'pending' }, data: { status: 'canceled', nextAttemptAt: null } });
}
