import type { Event as EventRow } from './generated/client';

/** Deliveries not (yet) acknowledged: Stripe's pending_webhooks. */
export const UNDELIVERED = ['pending', 'failed'];

/** The event as the graph shows it; data is Stripe's JSON already (rendered when it was stored). */
export interface EventNode {
  id: string;
  account: string;
  apiVersion: string;
  created: number;
  data: Record<string, unknown>;
  livemode: false;
  pendingWebhooks: number;
  request: { id: string | null; idempotencyKey: string | null };
  type: string;
}

export type EventRowWithCount = EventRow & { _count: { deliveries: number } };

/** Read events with this to know their pending_webhooks. */
export const WITH_PENDING = { _count: { select: { deliveries: { where: { status: { in: UNDELIVERED } } } } } } as const;

export function toEventNode(row: EventRowWithCount): EventNode {
  return {
    id: row.id,
    account: row.account,
    apiVersion: row.apiVersion,
    created: row.created,
    data: row.data as Record<string, unknown>,
    livemode: false,
    pendingWebhooks: row._count.deliveries,
    request: { id: row.requestId, idempotencyKey: row.idempotencyKey },
    type: row.type,
  };
}
