import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';
import type { CustomerUseCases } from '../use-cases/customers';
import { customerResolvers } from './Customer';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';

export function buildResolvers(store: CustomerStore, customers: CustomerUseCases): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...customerResolvers(store),
    ...queryResolvers(store),
    ...mutationResolvers(store, customers),
  } as SubgraphResolvers;
}
