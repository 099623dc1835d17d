import type { Metadata, SubgraphContext } from '@paygate/chassis';
import type { RefundDeps } from '../use-cases/deps';
import { cancelRefund, createRefund, updateRefund, type RefundCreateParams } from '../use-cases/refunds';

export function mutationResolvers(deps: RefundDeps) {
  return {
    Mutation: {
      createRefund: (_: unknown, args: { input: RefundCreateParams }, ctx: SubgraphContext) => createRefund(deps, ctx, args.input),
      updateRefund: (_: unknown, args: { id: string; input: { metadata?: Metadata | null } }, ctx: SubgraphContext) => updateRefund(deps, ctx, args.id, args.input),
      cancelRefund: (_: unknown, args: { id: string }, ctx: SubgraphContext) => cancelRefund(deps, ctx, args.id),
    },
  };
}
