import type { SubgraphContext } from '@paygate/chassis';
import type { ChargeCreateParams, ChargeStore } from '../db/charges';

export function mutationResolvers(store: ChargeStore) {
  return {
    Mutation: {
      createCharge: (_: unknown, args: { input: ChargeCreateParams }, ctx: SubgraphContext) => store.create(ctx.account, args.input),
      captureCharge: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.capture(ctx.account, args.id),
    },
  };
}
