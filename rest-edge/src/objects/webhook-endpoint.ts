import { stripeObject } from './stripe-object';

export interface WebhookEndpointNode {
  id: string;
  apiVersion: string | null;
  application: string | null;
  created: number;
  description: string | null;
  enabledEvents: string[];
  livemode: boolean;
  metadata: Record<string, string>;
  status: string;
  url: string;
  secret?: string | null;
}

const FIELDS = 'id apiVersion application created description enabledEvents livemode metadata status url';

function renderEndpoint(node: WebhookEndpointNode) {
  return {
    id: node.id,
    object: 'webhook_endpoint',
    api_version: node.apiVersion,
    application: node.application,
    created: node.created,
    description: node.description,
    enabled_events: node.enabledEvents,
    livemode: node.livemode,
    metadata: node.metadata,
    status: node.status,
    url: node.url,
  };
}

/** Stripe's webhook_endpoint object: the signing secret is shown only when it is created (createdWebhookEndpointObject). */
export const webhookEndpointObject = stripeObject<WebhookEndpointNode>({
  name: 'webhook_endpoint',
  fields: FIELDS,
  expandable: {},
  render: renderEndpoint,
});

/** What POST /v1/webhook_endpoints answers: the endpoint and, this once, its `whsec_…` secret. */
export const createdWebhookEndpointObject = stripeObject<WebhookEndpointNode>({
  name: 'webhook_endpoint',
  fields: `${FIELDS} secret`,
  expandable: {},
  render: (node) => ({ ...renderEndpoint(node), secret: node.secret }),
});

/** What DELETE /v1/webhook_endpoints/:id answers. */
export const deletedWebhookEndpointObject = stripeObject<{ id: string }>({
  name: 'webhook_endpoint',
  deleted: true,
  fields: 'id deleted',
  expandable: {},
  render: (node) => ({ id: node.id, object: 'webhook_endpoint', deleted: true }),
});
