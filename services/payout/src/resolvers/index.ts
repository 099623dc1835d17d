import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { PayoutStore } from '../db/payouts';
import { payoutResolvers } from './Payout';
import { queryResolvers } from './Query';

export function buildResolvers(store: PayoutStore): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...payoutResolvers(store),
    ...queryResolvers(store),
  } as SubgraphResolvers;
}
