import { JSONObjectScalar, MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { EventsDeps } from '../use-cases/deps';
import { eventResolvers } from './Event';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';
import { webhookEndpointResolvers } from './WebhookEndpoint';

export function buildResolvers(deps: EventsDeps): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    JSONObject: JSONObjectScalar,
    ...eventResolvers(deps),
    ...webhookEndpointResolvers(deps),
    ...queryResolvers(deps),
    ...mutationResolvers(deps),
  } as SubgraphResolvers;
}
