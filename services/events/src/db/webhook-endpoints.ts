import { listPage, type ListArgs, type Page } from '@paygate/chassis';
import type { EventsDb, EventsTx } from './client';
import { toWebhookEndpointNode, type WebhookEndpointNode, type WebhookEndpointRow } from './webhook-endpoint-node';

export interface NewWebhookEndpoint {
  id: string;
  account: string;
  url: string;
  description: string | null;
  enabledEvents: string[];
  metadata: Record<string, string>;
  apiVersion: string | null;
  secretSealed: string;
  created: number;
}

export interface WebhookEndpointChanges {
  url?: string;
  description?: string | null;
  enabledEvents?: string[];
  metadata?: Record<string, string>;
  status?: 'enabled' | 'disabled';
}

export function insertWebhookEndpoint(db: EventsDb, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRow> {
  return db.webhookEndpoint.create({ data: { ...endpoint, status: 'enabled' } });
}

/** A live (not deleted) endpoint of the account. */
export function findWebhookEndpoint(db: EventsDb, account: string, id: string): Promise<WebhookEndpointRow | null> {
  return db.webhookEndpoint.findFirst({ where: { account, id, deletedAt: null } });
}

/** Locks the endpoint row for the rest of the transaction (an update or delete is read-modify-write). */
export async function lockWebhookEndpoint(tx: EventsTx, account: string, id: string): Promise<WebhookEndpointRow | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM webhook_endpoints WHERE account = ${account} AND id = ${id} AND deleted_at IS NULL FOR UPDATE`;
  return locked.length ? findWebhookEndpoint(tx, account, id) : null;
}

export function updateWebhookEndpoint(tx: EventsTx, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointRow> {
  return tx.webhookEndpoint.update({ where: { id }, data: changes });
}

export async function markWebhookEndpointDeleted(tx: EventsTx, id: string): Promise<void> {
  await tx.webhookEndpoint.update({ where: { id }, data: { deletedAt: new Date() } });
}

export function listWebhookEndpoints(db: EventsDb, account: string, args: ListArgs): Promise<Page<WebhookEndpointNode>> {
  return listPage(db.webhookEndpoint, { where: { account, deletedAt: null }, kind: 'webhook_endpoint', toNode: (row: WebhookEndpointRow) => toWebhookEndpointNode(row) }, args);
}
