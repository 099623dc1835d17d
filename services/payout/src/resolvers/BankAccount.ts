import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import { createBankAccount, findBankAccount, listBankAccounts, retrieveBankAccount, type BankAccountCreateParams } from '../use-cases/bank-accounts';
import type { PayoutDeps } from '../use-cases/deps';

type Ctx = SubgraphContext;

/** Bank accounts (Stripe's external accounts) of the caller's own account. */
export function bankAccountResolvers(deps: PayoutDeps) {
  return {
    Query: {
      bankAccounts: (_: unknown, args: ListArgs & { account: string }, ctx: Ctx) => listBankAccounts(deps, ctx, args.account, args),
      bankAccount: (_: unknown, args: { account: string; id: string }, ctx: Ctx) => retrieveBankAccount(deps, ctx, args.account, args.id),
    },
    Mutation: {
      createBankAccount: (_: unknown, args: { account: string; input: BankAccountCreateParams }, ctx: Ctx) => createBankAccount(deps, ctx, args.account, args.input),
    },
    BankAccount: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findBankAccount(deps, ctx.account, ref.id),
    },
  };
}
