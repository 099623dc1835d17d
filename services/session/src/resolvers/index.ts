import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { SessionDeps } from '../use-cases/deps';
import { checkoutSessionResolvers } from './CheckoutSession';
import { customerResolvers } from './Customer';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';

export function buildResolvers(deps: SessionDeps): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...checkoutSessionResolvers(deps),
    ...customerResolvers(deps),
    ...queryResolvers(deps),
    ...mutationResolvers(deps),
  } as SubgraphResolvers;
}
