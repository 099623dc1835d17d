import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { LedgerStore } from '../db/ledger';

const amount = (currency: string, value: number) => ({ amount: value, currency, sourceTypes: { card: value } });

export function queryResolvers(store: LedgerStore) {
  return {
    Query: {
      balance: async (_: unknown, _args: unknown, ctx: SubgraphContext) => {
        const balances = await store.balance(ctx.account);
        return {
          available: balances.map((b) => amount(b.currency, b.available)),
          pending: balances.map((b) => amount(b.currency, b.pending)),
          livemode: false,
        };
      },
      balanceTransaction: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.retrieve(ctx.account, args.id),
      balanceTransactions: (_: unknown, args: ListArgs & { type?: string; source?: string }, ctx: SubgraphContext) => store.list(ctx.account, args),
    },
  };
}
