import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { InvoiceStores } from '.';

export function queryResolvers({ invoices, invoiceItems }: InvoiceStores) {
  return {
    Query: {
      invoice: (_: unknown, args: { id: string }, ctx: SubgraphContext) => invoices.retrieve(ctx.account, args.id),
      invoices: (_: unknown, args: ListArgs, ctx: SubgraphContext) => invoices.list(ctx.account, args),
      invoiceItem: (_: unknown, args: { id: string }, ctx: SubgraphContext) => invoiceItems.retrieve(ctx.account, args.id),
      invoiceItems: (_: unknown, args: ListArgs, ctx: SubgraphContext) => invoiceItems.list(ctx.account, args),
    },
  };
}
