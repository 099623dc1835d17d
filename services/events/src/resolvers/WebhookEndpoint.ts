import type { SubgraphContext } from '@paygate/chassis';
import type { EventsDeps } from '../use-cases/deps';
import { findWebhookEndpointNode } from '../use-cases/webhook-endpoints';

/** WebhookEndpoint entity: another account's id resolves to nothing; a reference never carries the secret. */
export function webhookEndpointResolvers(deps: EventsDeps) {
  return {
    WebhookEndpoint: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findWebhookEndpointNode(deps, ctx.account, ref.id),
    },
  };
}
