import type { WebhookEndpoint as WebhookEndpointRow } from './generated/client';

export type { WebhookEndpointRow };

/** The endpoint as the graph shows it; `secret` only on the node the create mutation returns. */
export interface WebhookEndpointNode {
  id: string;
  apiVersion: string | null;
  application: null;
  created: number;
  description: string | null;
  enabledEvents: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: 'enabled' | 'disabled';
  url: string;
  secret: string | null;
}

export function toWebhookEndpointNode(row: WebhookEndpointRow, secret: string | null = null): WebhookEndpointNode {
  return {
    id: row.id,
    apiVersion: row.apiVersion,
    application: null,
    created: row.created,
    description: row.description,
    enabledEvents: row.enabledEvents,
    livemode: false,
    metadata: row.metadata as Record<string, string>,
    status: row.status === 'disabled' ? 'disabled' : 'enabled',
    url: row.url,
    secret,
  };
}
