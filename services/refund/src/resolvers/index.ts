import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { RefundDeps } from '../use-cases/deps';
import { chargeResolvers } from './Charge';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';
import { refundResolvers } from './Refund';

export function buildResolvers(deps: RefundDeps): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...chargeResolvers(deps),
    ...refundResolvers(deps),
    ...queryResolvers(deps),
    ...mutationResolvers(deps),
  } as SubgraphResolvers;
}
