import type { SubgraphContext } from '@paygate/chassis';
import type { EventsDeps } from '../use-cases/deps';
import {
  createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint, type WebhookEndpointCreateParams, type WebhookEndpointUpdateParams,
} from '../use-cases/webhook-endpoints';

export function mutationResolvers(deps: EventsDeps) {
  return {
    Mutation: {
      createWebhookEndpoint: (_: unknown, args: { input: WebhookEndpointCreateParams }, ctx: SubgraphContext) => createWebhookEndpoint(deps, ctx, args.input),
      updateWebhookEndpoint: (_: unknown, args: { id: string; input: WebhookEndpointUpdateParams }, ctx: SubgraphContext) => updateWebhookEndpoint(deps, ctx, args.id, args.input),
      deleteWebhookEndpoint: (_: unknown, args: { id: string }, ctx: SubgraphContext) => deleteWebhookEndpoint(deps, ctx, args.id),
    },
  };
}
