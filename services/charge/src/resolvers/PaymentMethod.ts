import { entityRef, type ListArgs, type SubgraphContext } from '@paygate/chassis';
import type { ChargeDeps } from '../use-cases/deps';
import {
  attachPaymentMethod, createPaymentMethod, detachPaymentMethod, findPaymentMethodNode, listPaymentMethods, retrievePaymentMethod, updatePaymentMethod,
  type PaymentMethodCreateInput, type PaymentMethodNode, type PaymentMethodUpdateInput,
} from '../use-cases/payment-methods';

type Ctx = SubgraphContext;

export function paymentMethodResolvers(deps: ChargeDeps) {
  return {
    Query: {
      paymentMethod: (_: unknown, args: { id: string }, ctx: Ctx) => retrievePaymentMethod(deps, ctx.account, args.id),
      paymentMethods: (_: unknown, args: ListArgs & { customer?: string | null; type?: string | null }, ctx: Ctx) =>
        listPaymentMethods(deps, ctx.account, { customer: args.customer, type: args.type }, args),
    },
    Mutation: {
      createPaymentMethod: (_: unknown, args: { input: PaymentMethodCreateInput }, ctx: Ctx) => createPaymentMethod(deps, ctx.account, args.input, ctx.idempotencyKey),
      updatePaymentMethod: (_: unknown, args: { id: string; input: PaymentMethodUpdateInput }, ctx: Ctx) => updatePaymentMethod(deps, ctx.account, args.id, args.input),
      attachPaymentMethod: (_: unknown, args: { id: string; customer: string }, ctx: Ctx) => attachPaymentMethod(deps, ctx.account, args.id, args.customer, ctx.requestId),
      detachPaymentMethod: (_: unknown, args: { id: string }, ctx: Ctx) => detachPaymentMethod(deps, ctx.account, args.id),
    },
    PaymentMethod: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findPaymentMethodNode(deps, ctx.account, ref.id),
      customer: (paymentMethod: PaymentMethodNode) => entityRef('Customer', paymentMethod.customer),
    },
  };
}
