import type { SubgraphContext } from '@paygate/chassis';
import type { BalanceDeps } from '../use-cases/deps';
import { findBalanceTransaction } from '../use-cases/ledger-reads';

export function balanceTransactionResolvers(deps: BalanceDeps) {
  return {
    BalanceTransaction: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findBalanceTransaction(deps, ctx.account, ref.id),
    },
  };
}
