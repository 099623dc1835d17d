import type { SubgraphContext } from '@paygate/chassis';
import { debitBalance, type BalanceDebitInput } from '../use-cases/debit-balance';
import type { BalanceDeps } from '../use-cases/deps';

export function mutationResolvers(deps: BalanceDeps) {
  return {
    Mutation: {
      debitBalance: (_: unknown, args: { input: BalanceDebitInput }, ctx: SubgraphContext) => debitBalance(deps, ctx, args.input),
    },
  };
}
