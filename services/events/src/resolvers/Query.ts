import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { EventListFilter } from '../db/events';
import type { EventsDeps } from '../use-cases/deps';
import { listAccountEvents, retrieveEvent } from '../use-cases/events';
import { listAccountWebhookEndpoints, retrieveWebhookEndpoint } from '../use-cases/webhook-endpoints';

export function queryResolvers(deps: EventsDeps) {
  return {
    Query: {
      event: (_: unknown, args: { id: string }, ctx: SubgraphContext) => retrieveEvent(deps, ctx, args.id),
      events: (_: unknown, args: ListArgs & { filter?: EventListFilter | null }, ctx: SubgraphContext) => listAccountEvents(deps, ctx, args.filter, args),
      webhookEndpoint: (_: unknown, args: { id: string }, ctx: SubgraphContext) => retrieveWebhookEndpoint(deps, ctx, args.id),
      webhookEndpoints: (_: unknown, args: ListArgs, ctx: SubgraphContext) => listAccountWebhookEndpoints(deps, ctx, args),
    },
  };
}
