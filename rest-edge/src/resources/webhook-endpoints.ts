import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { createdWebhookEndpointObject, deletedWebhookEndpointObject, webhookEndpointObject } from '../objects/webhook-endpoint';
import { byId, retrieveParams } from './shared-params';

/** `enabled_events[]=*` or `enabled_events[0]=charge.succeeded…` (a lone string for `enabled_events=*`). */
const enabledEvents = () => z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()).max(300));

/** /v1/webhook_endpoints — the events subgraph signs and delivers each matching event to the URL. */
export const webhookEndpointRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/webhook_endpoints',
    params: z.strictObject({
      url: form.string(),
      enabled_events: enabledEvents(),
      description: form.nullableString().optional(),
      metadata: form.metadata().optional(),
      api_version: form.string().optional(),
      expand: form.expand().optional(),
    }),
    object: createdWebhookEndpointObject,
    operation: {
      kind: 'mutation',
      field: 'createWebhookEndpoint',
      args: { input: 'WebhookEndpointCreateInput!' },
      variables: (params) => ({ input: inputOf(params) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/webhook_endpoints/:id',
    params: retrieveParams,
    object: webhookEndpointObject,
    operation: { kind: 'query', field: 'webhookEndpoint', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/webhook_endpoints/:id',
    params: z.strictObject({
      url: form.string().optional(),
      enabled_events: enabledEvents().optional(),
      description: form.nullableString().optional(),
      metadata: form.metadata().optional(),
      disabled: form.boolean().optional(),
      expand: form.expand().optional(),
    }),
    object: webhookEndpointObject,
    operation: {
      kind: 'mutation',
      field: 'updateWebhookEndpoint',
      args: { id: 'ID!', input: 'WebhookEndpointUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'delete',
    path: '/v1/webhook_endpoints/:id',
    params: z.strictObject({}),
    object: deletedWebhookEndpointObject,
    operation: { kind: 'mutation', field: 'deleteWebhookEndpoint', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/webhook_endpoints',
    params: z.strictObject(form.list()),
    object: webhookEndpointObject,
    shape: 'list',
    operation: { kind: 'query', field: 'webhookEndpoints', args: LIST_ARGS, variables: (params) => listArguments(params) },
  }),
];
