import { SafeIntScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { BalanceDeps } from '../use-cases/deps';
import { balanceTransactionResolvers } from './BalanceTransaction';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';

export function buildResolvers(deps: BalanceDeps): SubgraphResolvers {
  return {
    SafeInt: SafeIntScalar,
    ...balanceTransactionResolvers(deps),
    ...queryResolvers(deps),
    ...mutationResolvers(deps),
  } as SubgraphResolvers;
}
