import type { SubgraphContext } from '@paygate/chassis';
import { createToken, findTokenNode, retrieveToken, type CardInput } from '../use-cases/tokens';
import type { ChargeDeps } from '../use-cases/deps';

export function tokenResolvers(deps: ChargeDeps) {
  return {
    Query: {
      token: (_: unknown, args: { id: string }, ctx: SubgraphContext) => retrieveToken(deps, ctx.account, args.id),
    },
    Mutation: {
      // The edge lets a publishable key through to this one mutation (Stripe.js tokenizes in the browser).
      createToken: (_: unknown, args: { input: { card: CardInput } }, ctx: SubgraphContext) => createToken(deps, ctx.account, args.input, ctx.idempotencyKey),
    },
    Token: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findTokenNode(deps, ctx.account, ref.id),
    },
  };
}
