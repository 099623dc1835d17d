import { stripeObject } from './stripe-object';

export interface EventNode {
  id: string;
  account: string;
  apiVersion: string | null;
  created: number;
  /** Stripe's JSON already: the events service rendered data.object with these same object modules. */
  data: Record<string, unknown>;
  livemode: boolean;
  pendingWebhooks: number;
  request: { id: string | null; idempotencyKey: string | null } | null;
  type: string;
}

/** Stripe's event object (the events subgraph). A webhook's body is this rendering too (services/events). */
export const eventObject = stripeObject<EventNode>({
  name: 'event',
  fields: 'id account apiVersion created data livemode pendingWebhooks request { id idempotencyKey } type',
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'event',
    account: node.account,
    api_version: node.apiVersion,
    created: node.created,
    data: node.data,
    livemode: node.livemode,
    pending_webhooks: node.pendingWebhooks,
    request: { id: node.request?.id ?? null, idempotency_key: node.request?.idempotencyKey ?? null },
    type: node.type,
  }),
});
