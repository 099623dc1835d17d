import { entityRef, type SubgraphContext } from '@paygate/chassis';
import type { ChargeNode, ChargeStore } from '../db/charges';

export function chargeResolvers(store: ChargeStore) {
  return {
    Charge: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
      /** A reference the balance service resolves; the id is known before the ledger entry exists. */
      balanceTransaction: (charge: ChargeNode) => entityRef('BalanceTransaction', charge.balanceTransactionId),
    },
  };
}
