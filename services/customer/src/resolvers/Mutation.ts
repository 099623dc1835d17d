import type { SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';
import type { CustomerCreateParams, CustomerUpdateParams } from '../domain/customer';
import type { CustomerUseCases } from '../use-cases/customers';

export function mutationResolvers(store: CustomerStore, customers: CustomerUseCases) {
  return {
    Mutation: {
      createCustomer: (_: unknown, args: { input: CustomerCreateParams }, ctx: SubgraphContext) => customers.create(ctx, args.input),
      updateCustomer: (_: unknown, args: { id: string; input: CustomerUpdateParams }, ctx: SubgraphContext) => customers.update(ctx, args.id, args.input),
      deleteCustomer: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.delete(ctx.account, args.id),
    },
  };
}
