import { entityRef, type ListArgs, type SubgraphContext } from '@paygate/chassis';
import type { ChargeNode } from '../db/charge-node';
import type { ChargeListFilter } from '../db/charges';
import type { SearchArgs } from '../db/search-page';
import { captureCharge, type ChargeCaptureParams } from '../use-cases/charge-capture';
import { isAuthorizationReleased, releaseAuthorization, simulatedRefundOutcome } from '../use-cases/charge-refund-terms';
import {
  createCharge, findChargeNode, listCharges, retrieveCharge, searchCharges, updateCharge, type ChargeCreateParams, type ChargeUpdateParams,
} from '../use-cases/charges';
import type { ChargeDeps } from '../use-cases/deps';
import { findPaymentIntentNode } from '../use-cases/payment-intents';

type Ctx = SubgraphContext;

export function chargeResolvers(deps: ChargeDeps) {
  return {
    Query: {
      charge: (_: unknown, args: { id: string }, ctx: Ctx) => retrieveCharge(deps, ctx, args.id),
      charges: (_: unknown, args: ListArgs & { filter?: ChargeListFilter | null }, ctx: Ctx) => listCharges(deps, ctx, args.filter, args),
      searchCharges: (_: unknown, args: SearchArgs & { query: string }, ctx: Ctx) => searchCharges(deps, ctx, args.query, args),
    },
    Mutation: {
      createCharge: (_: unknown, args: { input: ChargeCreateParams }, ctx: Ctx) => createCharge(deps, ctx, args.input),
      updateCharge: (_: unknown, args: { id: string; input: ChargeUpdateParams }, ctx: Ctx) => updateCharge(deps, ctx, args.id, args.input),
      captureCharge: (_: unknown, args: { id: string; input?: ChargeCaptureParams | null }, ctx: Ctx) => captureCharge(deps, ctx, args.id, args.input),
      releaseAuthorization: (_: unknown, args: { chargeId: string }, ctx: Ctx) => releaseAuthorization(deps, ctx, args.chargeId),
    },
    Charge: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findChargeNode(deps, ctx.account, ref.id),
      /** A reference the balance service resolves; the id is known before the ledger entry exists. */
      balanceTransaction: (charge: ChargeNode) => entityRef('BalanceTransaction', charge.balanceTransactionId),
      customer: (charge: ChargeNode) => entityRef('Customer', charge.customer),
      paymentIntent: (charge: ChargeNode, _: unknown, ctx: Ctx) => (charge.paymentIntent ? findPaymentIntentNode(deps, ctx.account, charge.paymentIntent) : null),
      simulatedRefundOutcome: (charge: ChargeNode, _: unknown, ctx: Ctx) => simulatedRefundOutcome(deps, ctx, charge.id),
      authorizationReleased: (charge: ChargeNode, _: unknown, ctx: Ctx) => isAuthorizationReleased(deps, ctx, charge.id),
    },
  };
}
