import { PoisonMessageError, type EventEnvelope } from '@paygate/chassis';
import type { EventsTx } from '../db/client';
import { insertEvent } from '../db/events';
import { findSnapshot, refundSnapshotsOf, saveSnapshot } from '../db/object-snapshots';
import { insertDeliveries } from '../db/webhook-deliveries';
import { endpointsReceiving } from '../db/webhook-endpoints';
import { API_VERSION } from '../domain/api-version';
import { EMBEDDED_REFUNDS, parentOf, renderEventData, type RenderedData } from '../domain/render-object';

/**
 * One consumed event, in the consumer's transaction (the chassis records its id there too, so a
 * redelivery changes nothing): the Stripe event with its object rendered as a GET shows it, the
 * object's snapshot, and one pending delivery per endpoint of the account that receives its type.
 * The worker is nudged after the commit (server.ts).
 */
export async function storeEvent(tx: EventsTx, event: EventEnvelope, now: Date): Promise<void> {
  const payload = event.data.object;
  const objectId = typeof payload.id === 'string' ? payload.id : null;
  const previous = objectId ? await findSnapshot(tx, event.account, objectId) : null;
  const refunds = payload.object === 'charge' && objectId ? await refundSnapshotsOf(tx, event.account, objectId, EMBEDDED_REFUNDS) : null;
  let data: RenderedData;
  try {
    data = renderEventData(event.type, payload, event.data.previous_attributes, { previous, refunds });
  } catch (err) {
    // Parked (pnpm events:parked), replayable once a renderer knows the object.
    throw new PoisonMessageError(`cannot render ${event.type} ${event.id}: ${(err as Error).message}`);
  }
  await insertEvent(tx, {
    id: event.id,
    account: event.account,
    type: event.type,
    created: event.created,
    apiVersion: API_VERSION,
    data: data as unknown as Record<string, unknown>,
    requestId: event.request?.id ?? null,
    idempotencyKey: event.request?.idempotency_key ?? null,
  });
  if (objectId) {
    await saveSnapshot(tx, { account: event.account, objectId, objectType: String(payload.object), parentId: parentOf(payload), data: data.object, eventCreated: event.created });
  }
  const endpoints = await endpointsReceiving(tx, event.account, event.type);
  await insertDeliveries(tx, event.account, event.id, endpoints.map((e) => e.id), now);
}
