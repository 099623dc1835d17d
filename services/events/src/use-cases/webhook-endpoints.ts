import { fail, mergeMetadata, newId, PaygateError, requireSecretCaller, type ListArgs, type Metadata, type Page, type SubgraphContext } from '@paygate/chassis';
import { cancelPendingDeliveries } from '../db/webhook-deliveries';
import { toWebhookEndpointNode, type WebhookEndpointNode } from '../db/webhook-endpoint-node';
import * as store from '../db/webhook-endpoints';
import { validateEnabledEvents } from '../domain/enabled-events';
import { validateEndpointUrl } from '../domain/endpoint-url';
import { sealSecret } from '../domain/secret-seal';
import { newEndpointSecret } from '../domain/webhook-signature';
import { unixSeconds, type EventsDeps } from './deps';

type Caller = Pick<SubgraphContext, 'account' | 'keyType'>;

export interface WebhookEndpointCreateParams {
  url: string;
  enabledEvents: string[];
  description?: string | null;
  metadata?: Metadata | null;
  apiVersion?: string | null;
}

export interface WebhookEndpointUpdateParams {
  url?: string | null;
  enabledEvents?: string[] | null;
  description?: string | null;
  metadata?: Metadata | null;
  disabled?: boolean | null;
}

const API_VERSION_SHAPE = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

function checkApiVersion(version: string | null | undefined): string | null {
  if (version === null || version === undefined) return null;
  if (!API_VERSION_SHAPE.test(version)) throw new PaygateError('invalid_request', `Invalid API version: ${version.slice(0, 40)}`, { param: 'api_version' });
  return version;
}

function checkDescription(description: string | null | undefined): string | null {
  if (description && description.length > 5000) throw new PaygateError('invalid_request', 'Invalid description: must be at most 5000 characters.', { param: 'description' });
  return description ?? null;
}

/** POST /v1/webhook_endpoints: validated, then stored with its secret sealed; the secret is in this answer only. */
export async function createWebhookEndpoint(deps: EventsDeps, caller: Caller, input: WebhookEndpointCreateParams): Promise<WebhookEndpointNode> {
  requireSecretCaller(caller);
  const enabledEvents = validateEnabledEvents(input.enabledEvents);
  const apiVersion = checkApiVersion(input.apiVersion);
  const description = checkDescription(input.description);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  const url = await validateEndpointUrl(input.url, { allowPrivate: deps.allowPrivateUrls });
  const id = newId('webhookEndpoint');
  const secret = newEndpointSecret();
  const row = await store.insertWebhookEndpoint(deps.prisma, {
    id,
    account: caller.account,
    url,
    description,
    enabledEvents,
    metadata,
    apiVersion,
    secretSealed: sealSecret(deps.secretKey, id, secret),
    created: unixSeconds(deps.now()),
  });
  return toWebhookEndpointNode(row, secret);
}

export async function retrieveWebhookEndpoint(deps: EventsDeps, caller: Caller, id: string): Promise<WebhookEndpointNode> {
  requireSecretCaller(caller);
  const row = await store.findWebhookEndpoint(deps.prisma, caller.account, id);
  if (!row) throw fail.missing('webhook_endpoint', id);
  return toWebhookEndpointNode(row);
}

export function listAccountWebhookEndpoints(deps: EventsDeps, caller: Caller, args: ListArgs): Promise<Page<WebhookEndpointNode>> {
  requireSecretCaller(caller);
  return store.listWebhookEndpoints(deps.prisma, caller.account, args);
}

/** POST /v1/webhook_endpoints/:id. Disabling an endpoint cancels its pending deliveries (Stripe sends a disabled endpoint nothing). */
export async function updateWebhookEndpoint(deps: EventsDeps, caller: Caller, id: string, input: WebhookEndpointUpdateParams): Promise<WebhookEndpointNode> {
  requireSecretCaller(caller);
  // Everything that can be refused is checked before the transaction: a bad input changes nothing.
  const enabledEvents = input.enabledEvents ? validateEnabledEvents(input.enabledEvents) : undefined;
  const url = input.url ? await validateEndpointUrl(input.url, { allowPrivate: deps.allowPrivateUrls }) : undefined;
  const description = input.description === undefined ? undefined : checkDescription(input.description);
  return deps.prisma.$transaction(async (tx) => {
    const row = await store.lockWebhookEndpoint(tx, caller.account, id);
    if (!row) throw fail.missing('webhook_endpoint', id);
    const status = input.disabled === true ? 'disabled' : input.disabled === false ? 'enabled' : undefined;
    const updated = await store.updateWebhookEndpoint(tx, id, {
      ...(url ? { url } : {}),
      ...(enabledEvents ? { enabledEvents } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(input.metadata !== undefined ? { metadata: mergeMetadata(row.metadata as Metadata, input.metadata) } : {}),
      ...(status ? { status } : {}),
    });
    if (status === 'disabled') await cancelPendingDeliveries(tx, id);
    return toWebhookEndpointNode(updated);
  });
}

/** DELETE /v1/webhook_endpoints/:id: gone from every read; its pending deliveries are canceled. */
export async function deleteWebhookEndpoint(deps: EventsDeps, caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
  requireSecretCaller(caller);
  return deps.prisma.$transaction(async (tx) => {
    const row = await store.lockWebhookEndpoint(tx, caller.account, id);
    if (!row) throw fail.missing('webhook_endpoint', id);
    await store.markWebhookEndpointDeleted(tx, id);
    await cancelPendingDeliveries(tx, id);
    return { id, deleted: true as const };
  });
}

export async function findWebhookEndpointNode(deps: EventsDeps, account: string, id: string): Promise<WebhookEndpointNode | null> {
  const row = await store.findWebhookEndpoint(deps.prisma, account, id);
  return row ? toWebhookEndpointNode(row) : null;
}
