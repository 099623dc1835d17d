import type { SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';

/** Customer entity: other subgraphs reference it by id; another account's id resolves to nothing. */
export function customerResolvers(store: CustomerStore) {
  return {
    Customer: {
      __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
        try {
          return await store.retrieve(ctx.account, ref.id);
        } catch {
          return null;
        }
      },
    },
  };
}
