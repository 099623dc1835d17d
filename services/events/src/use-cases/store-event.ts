import { PoisonMessageError, type EventEnvelope, type RawSql } from '@paygate/chassis';
import { readObjectState, writeEvent } from '../db/event-store';
import { API_VERSION } from '../domain/api-version';
import { EMBEDDED_REFUNDS, parentOf, renderEventData, type RenderedData } from '../domain/render-object';

/**
 * One consumed event, in the consumer's transaction (the chassis records its id there too, so a
 * redelivery changes nothing): the Stripe event with its object rendered as a GET shows it, the
 * object's snapshot, and one pending delivery per endpoint of the account that receives its type.
 * Two statements (db/event-store.ts). The worker is nudged after the commit (server.ts).
 */
export async function storeEvent(tx: RawSql, event: EventEnvelope, now: Date): Promise<void> {
  const payload = event.data.object;
  const objectId = typeof payload.id === 'string' ? payload.id : null;
  const { previous, refunds } = objectId
    ? await readObjectState(tx, event.account, objectId, payload.object === 'charge' ? EMBEDDED_REFUNDS : null)
    : { previous: null, refunds: null };
  let data: RenderedData;
  try {
    data = renderEventData(event.type, payload, event.data.previous_attributes, { previous, refunds });
  } catch (err) {
    // Parked (pnpm events:parked), replayable once a renderer knows the object.
    throw new PoisonMessageError(`cannot render ${event.type} ${event.id}: ${(err as Error).message}`);
  }
  const stored = {
    id: event.id,
    account: event.account,
    type: event.type,
    created: event.created,
    apiVersion: API_VERSION,
    data: data as unknown as Record<string, unknown>,
    requestId: event.request?.id ?? null,
    idempotencyKey: event.request?.idempotency_key ?? null,
  };
  const snapshot = objectId
    ? { objectId, objectType: String(payload.object), parentId: parentOf(payload), data: data.object, eventCreated: event.created }
    : null;
  await writeEvent(tx, stored, snapshot, now);
}
