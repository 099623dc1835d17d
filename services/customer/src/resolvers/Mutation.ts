import type { SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';
import type { CustomerCreateParams, CustomerUpdateParams } from '../domain/customer';

export function mutationResolvers(store: CustomerStore) {
  return {
    Mutation: {
      createCustomer: (_: unknown, args: { input: CustomerCreateParams }, ctx: SubgraphContext) => store.create(ctx.account, args.input),
      updateCustomer: (_: unknown, args: { id: string; input: CustomerUpdateParams }, ctx: SubgraphContext) =>
        store.update(ctx.account, args.id, args.input),
      deleteCustomer: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.delete(ctx.account, args.id),
    },
  };
}
