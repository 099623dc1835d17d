import type { Metadata, SubgraphContext } from '@paygate/chassis';
import type { CheckoutSessionCreateParams } from '../domain/checkout-session-params';
import type { SessionDeps } from '../use-cases/deps';
import { expireCheckoutSession } from '../use-cases/checkout-session-expiry';
import { completeCheckoutSession, resumeCheckoutSession, type CheckoutSessionCompleteParams } from '../use-cases/checkout-session-payment';
import { createCheckoutSession, updateCheckoutSession } from '../use-cases/checkout-sessions';

type PageArgs = { id: string; secret: string };

export function mutationResolvers(deps: SessionDeps) {
  return {
    Mutation: {
      createCheckoutSession: (_: unknown, args: { input: CheckoutSessionCreateParams }, ctx: SubgraphContext) => createCheckoutSession(deps, ctx, args.input),
      updateCheckoutSession: (_: unknown, args: { id: string; input: { metadata?: Metadata | null } }, ctx: SubgraphContext) => updateCheckoutSession(deps, ctx, args.id, args.input),
      expireCheckoutSession: (_: unknown, args: { id: string }, ctx: SubgraphContext) => expireCheckoutSession(deps, ctx, args.id),
      completeCheckoutSession: (_: unknown, args: PageArgs & { input: CheckoutSessionCompleteParams }, ctx: SubgraphContext) =>
        completeCheckoutSession(deps, ctx, args.id, args.secret, args.input),
      resumeCheckoutSession: (_: unknown, args: PageArgs, ctx: SubgraphContext) => resumeCheckoutSession(deps, ctx, args.id, args.secret),
    },
  };
}
