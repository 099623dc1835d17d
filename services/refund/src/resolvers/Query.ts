import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { RefundListFilter } from '../db/refunds';
import type { RefundDeps } from '../use-cases/deps';
import { listChargeRefunds, listRefunds, retrieveRefund } from '../use-cases/refunds';

export function queryResolvers(deps: RefundDeps) {
  return {
    Query: {
      refund: (_: unknown, args: { id: string }, ctx: SubgraphContext) => retrieveRefund(deps, ctx, args.id),
      refunds: (_: unknown, args: ListArgs & { filter?: RefundListFilter | null }, ctx: SubgraphContext) => listRefunds(deps, ctx, args.filter, args),
      chargeRefunds: (_: unknown, args: ListArgs & { charge: string }, ctx: SubgraphContext) => listChargeRefunds(deps, ctx, args.charge, args),
    },
  };
}
