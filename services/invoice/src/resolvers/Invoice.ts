import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { InvoiceStores } from '.';
import type { InvoiceNode } from '../db/invoices';

/** Invoice entity: another account's id resolves to nothing. */
export function invoiceResolvers({ invoices, invoiceItems }: InvoiceStores) {
  return {
    Invoice: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => invoices.find(ctx.account, ref.id),
      lines: (invoice: InvoiceNode, args: ListArgs, ctx: SubgraphContext) => invoiceItems.listForInvoice(ctx.account, invoice.id, args),
    },
  };
}
