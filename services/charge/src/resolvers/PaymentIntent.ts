import { entityRef, type ListArgs, type SubgraphContext } from '@paygate/chassis';
import type { PaymentError } from '../domain/payment-error';
import type { CancellationReason } from '../domain/payment-intent-transitions';
import type { PaymentIntentNode } from '../db/payment-intent-node';
import type { PaymentIntentListFilter } from '../db/payment-intents';
import type { SearchArgs } from '../db/search-page';
import { releaseCallerExpiredAuthorizations } from '../use-cases/authorization-release';
import { findChargeNode } from '../use-cases/charges';
import type { ChargeDeps } from '../use-cases/deps';
import { cancelPaymentIntent, capturePaymentIntent, type PaymentIntentCaptureParams } from '../use-cases/payment-intent-capture';
import { completeThreeDSecure, confirmPaymentIntent, type PaymentIntentConfirmParams, type ThreeDSecureOutcome } from '../use-cases/payment-intent-confirm';
import {
  createPaymentIntent, findPaymentIntentNode, listPaymentIntents, retrievePaymentIntent, searchPaymentIntents, updatePaymentIntent,
  type PaymentIntentCreateParams, type PaymentIntentUpdateParams,
} from '../use-cases/payment-intents';
import { findPaymentMethodNode } from '../use-cases/payment-methods';

type Ctx = SubgraphContext;

export function paymentIntentResolvers(deps: ChargeDeps) {
  /** A pm_… is a PaymentMethod object; a legacy token's card_… has none to show. */
  const paymentMethod = (id: string | null, ctx: Ctx) => (id?.startsWith('pm_') ? findPaymentMethodNode(deps, ctx.account, id) : null);
  return {
    Query: {
      paymentIntent: (_: unknown, args: { id: string; clientSecret?: string | null }, ctx: Ctx) => retrievePaymentIntent(deps, ctx, args.id, args.clientSecret),
      paymentIntents: (_: unknown, args: ListArgs & { filter?: PaymentIntentListFilter | null }, ctx: Ctx) => listPaymentIntents(deps, ctx, args.filter, args),
      searchPaymentIntents: (_: unknown, args: SearchArgs & { query: string }, ctx: Ctx) => searchPaymentIntents(deps, ctx, args.query, args),
    },
    Mutation: {
      createPaymentIntent: (_: unknown, args: { input: PaymentIntentCreateParams }, ctx: Ctx) => createPaymentIntent(deps, ctx, args.input),
      updatePaymentIntent: (_: unknown, args: { id: string; input: PaymentIntentUpdateParams }, ctx: Ctx) => updatePaymentIntent(deps, ctx, args.id, args.input),
      confirmPaymentIntent: (_: unknown, args: { id: string; input?: PaymentIntentConfirmParams | null; clientSecret?: string | null }, ctx: Ctx) =>
        confirmPaymentIntent(deps, ctx, args.id, args.input, args.clientSecret),
      capturePaymentIntent: (_: unknown, args: { id: string; input?: PaymentIntentCaptureParams | null }, ctx: Ctx) => capturePaymentIntent(deps, ctx, args.id, args.input),
      cancelPaymentIntent: (_: unknown, args: { id: string; cancellationReason?: CancellationReason | null }, ctx: Ctx) =>
        cancelPaymentIntent(deps, ctx, args.id, args.cancellationReason),
      completeThreeDSecure: (_: unknown, args: { id: string; clientSecret: string; outcome: ThreeDSecureOutcome }, ctx: Ctx) =>
        completeThreeDSecure(deps, ctx, args.id, args.clientSecret, args.outcome),
      releaseExpiredAuthorizations: (_: unknown, args: { now?: number | null }, ctx: Ctx) => releaseCallerExpiredAuthorizations(deps, ctx, args.now),
    },
    PaymentIntent: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findPaymentIntentNode(deps, ctx.account, ref.id),
      customer: (intent: PaymentIntentNode) => entityRef('Customer', intent.customer),
      latestCharge: (intent: PaymentIntentNode, _: unknown, ctx: Ctx) => (intent.latestCharge ? findChargeNode(deps, ctx.account, intent.latestCharge) : null),
      paymentMethod: (intent: PaymentIntentNode, _: unknown, ctx: Ctx) => paymentMethod(intent.paymentMethod, ctx),
    },
    PaymentError: {
      paymentMethod: (error: PaymentError, _: unknown, ctx: Ctx) => paymentMethod(error.paymentMethod, ctx),
    },
  };
}
