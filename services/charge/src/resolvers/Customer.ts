import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { ChargeDeps } from '../use-cases/deps';
import { listCharges } from '../use-cases/charges';
import { listPaymentMethods } from '../use-cases/payment-methods';

/** The customer service owns Customer; this subgraph adds the fields whose data lives here. */
export function customerResolvers(deps: ChargeDeps) {
  const Customer = {
    // Any id resolves: the fields below filter this account's rows by it, and the customer service answers for the rest.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    paymentMethods: (customer: { id: string }, args: ListArgs & { type?: string | null }, ctx: SubgraphContext) =>
      listPaymentMethods(deps, ctx.account, { customer: customer.id, type: args.type }, args),
    charges: (customer: { id: string }, args: ListArgs, ctx: SubgraphContext) => listCharges(deps, ctx, { customer: customer.id }, args),
  };
  return { Customer };
}
