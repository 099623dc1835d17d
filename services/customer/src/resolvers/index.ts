import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';
import type { CustomerUseCases } from '../use-cases/customers';
import type { BalanceDeps } from '../use-cases/move-balance';
import { customerResolvers } from './Customer';
import { customerBalanceTransactionResolvers } from './CustomerBalanceTransaction';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';

export function buildResolvers(store: CustomerStore, customers: CustomerUseCases, deps: BalanceDeps): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...customerResolvers(store, deps),
    ...customerBalanceTransactionResolvers(deps, store),
    ...queryResolvers(store, deps),
    ...mutationResolvers(store, customers, deps),
  } as SubgraphResolvers;
}
