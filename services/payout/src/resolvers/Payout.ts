import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { PayoutNode } from '../db/payout-node';
import type { PayoutListFilter } from '../db/payouts';
import type { PayoutCreateParams } from '../domain/payout-params';
import { findBankAccount } from '../use-cases/bank-accounts';
import type { PayoutDeps } from '../use-cases/deps';
import { createPayout } from '../use-cases/payout-create';
import { advanceCallerPayouts, cancelPayout, reversePayout } from '../use-cases/payout-lifecycle';
import { findPayoutNode, listPayouts, retrievePayout, updatePayout } from '../use-cases/payouts';

type Ctx = SubgraphContext;
type MetadataArg = { metadata?: Record<string, string> | null };

/** Payout entity: another account's id resolves to nothing; destination and reversal links resolve here. */
export function payoutResolvers(deps: PayoutDeps) {
  return {
    Query: {
      payout: (_: unknown, args: { id: string }, ctx: Ctx) => retrievePayout(deps, ctx, args.id),
      payouts: (_: unknown, args: ListArgs & PayoutListFilter, ctx: Ctx) => listPayouts(deps, ctx, args, args),
    },
    Mutation: {
      createPayout: (_: unknown, args: { input: PayoutCreateParams }, ctx: Ctx) => createPayout(deps, ctx, args.input),
      updatePayout: (_: unknown, args: { id: string } & MetadataArg, ctx: Ctx) => updatePayout(deps, ctx, args.id, args.metadata),
      cancelPayout: (_: unknown, args: { id: string }, ctx: Ctx) => cancelPayout(deps, ctx, args.id),
      reversePayout: (_: unknown, args: { id: string } & MetadataArg, ctx: Ctx) => reversePayout(deps, ctx, args.id, args.metadata),
      advancePayouts: (_: unknown, args: { now?: number | null }, ctx: Ctx) => advanceCallerPayouts(deps, ctx, args.now),
    },
    Payout: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findPayoutNode(deps, ctx.account, ref.id),
      destination: (payout: PayoutNode, _: unknown, ctx: Ctx) => (payout.destinationId ? findBankAccount(deps, ctx.account, payout.destinationId) : null),
      originalPayout: (payout: PayoutNode, _: unknown, ctx: Ctx) => (payout.originalPayoutId ? findPayoutNode(deps, ctx.account, payout.originalPayoutId) : null),
      reversedBy: (payout: PayoutNode, _: unknown, ctx: Ctx) => (payout.reversedById ? findPayoutNode(deps, ctx.account, payout.reversedById) : null),
    },
  };
}
