import type { SubgraphContext } from '@paygate/chassis';
import type { LedgerStore } from '../db/ledger';

export function balanceTransactionResolvers(store: LedgerStore) {
  return {
    BalanceTransaction: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => store.find(ctx.account, ref.id),
    },
  };
}
