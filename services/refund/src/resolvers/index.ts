import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { RefundStore } from '../db/refunds';
import { chargeResolvers } from './Charge';
import { queryResolvers } from './Query';
import { refundResolvers } from './Refund';

export function buildResolvers(store: RefundStore): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...chargeResolvers(store),
    ...refundResolvers(store),
    ...queryResolvers(store),
  } as SubgraphResolvers;
}
