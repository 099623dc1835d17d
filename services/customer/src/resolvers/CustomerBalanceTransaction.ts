import type { SubgraphContext } from '@paygate/chassis';
import type { GraphQLResolveInfo } from 'graphql';
import type { BalanceTransactionNode } from '../db/balance-transactions';
import type { CustomerStore } from '../db/customers';
import type { BalanceDeps } from '../use-cases/move-balance';
import { findBalanceTransactionNode } from '../use-cases/balance-transactions';

/** True when the selection asks for nothing but the id: the reference the node already holds answers it. */
function onlyIdSelected(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((s) => s.kind === 'Field' && (s.name.value === 'id' || s.name.value === '__typename')),
  );
}

/** CustomerBalanceTransaction entity: its customer is this service's own, loaded only when more than its id is asked. */
export function customerBalanceTransactionResolvers(deps: BalanceDeps, store: CustomerStore) {
  return {
    CustomerBalanceTransaction: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findBalanceTransactionNode(deps, ctx.account, ref.id),
      customer: (txn: BalanceTransactionNode, _args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) =>
        onlyIdSelected(info) ? txn.customer : store.retrieve(ctx.account, txn.customer.id),
    },
  };
}
