import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { ChargeStore } from '../db/charges';
import { chargeResolvers } from './Charge';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';

export function buildResolvers(store: ChargeStore): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...chargeResolvers(store),
    ...queryResolvers(store),
    ...mutationResolvers(store),
  } as SubgraphResolvers;
}
