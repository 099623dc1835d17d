import type { SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';

/** Customer entity: other subgraphs reference it by id; another account's id resolves to nothing. */
export function customerResolvers(store: CustomerStore) {
  return {
    Customer: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
    },
  };
}
