import type { SubgraphContext } from '@paygate/chassis';
import type { InvoiceStores } from '.';
import type { InvoiceItemNode } from '../db/invoice-items';

/** InvoiceItem entity: another account's id resolves to nothing; a pending item has no invoice. */
export function invoiceItemResolvers({ invoices, invoiceItems }: InvoiceStores) {
  return {
    InvoiceItem: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => invoiceItems.find(ctx.account, ref.id),
      invoice: (item: InvoiceItemNode, _: unknown, ctx: SubgraphContext) => (item.invoiceId ? invoices.find(ctx.account, item.invoiceId) : null),
    },
  };
}
