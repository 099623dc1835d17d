import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { BalanceTransactionListFilter } from '../db/ledger';
import type { BalanceDeps } from '../use-cases/deps';
import { balanceOf, listBalanceTransactions, retrieveBalanceTransaction } from '../use-cases/ledger-reads';

const amount = (currency: string, value: number) => ({ amount: value, currency, sourceTypes: { card: value } });

export function queryResolvers(deps: BalanceDeps) {
  return {
    Query: {
      balance: async (_: unknown, args: { at?: number | null }, ctx: SubgraphContext) => {
        const balances = await balanceOf(deps, ctx, args.at);
        return {
          available: balances.map((b) => amount(b.currency, b.available)),
          pending: balances.map((b) => amount(b.currency, b.pending)),
          livemode: false,
        };
      },
      balanceTransaction: (_: unknown, args: { id: string }, ctx: SubgraphContext) => retrieveBalanceTransaction(deps, ctx, args.id),
      balanceTransactions: (_: unknown, args: ListArgs & BalanceTransactionListFilter, ctx: SubgraphContext) => listBalanceTransactions(deps, ctx, args, args),
    },
  };
}
