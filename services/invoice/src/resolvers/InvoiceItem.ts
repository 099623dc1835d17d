import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { InvoiceItemListFilter, InvoiceItemNode } from '../db/invoice-items';
import type { InvoiceDeps } from '../use-cases/deps';
import {
  createInvoiceItem,
  deleteInvoiceItem,
  findInvoiceItemNode,
  listInvoiceItems,
  retrieveInvoiceItem,
  updateInvoiceItem,
  type InvoiceItemCreateParams,
  type InvoiceItemUpdateParams,
} from '../use-cases/invoice-items';
import { findInvoiceNode } from '../use-cases/invoices';

type Ctx = SubgraphContext;

/** InvoiceItem entity and its operations. A pending item has no invoice. */
export function invoiceItemResolvers(deps: InvoiceDeps) {
  return {
    Query: {
      invoiceItem: (_: unknown, args: { id: string }, ctx: Ctx) => retrieveInvoiceItem(deps, ctx, args.id),
      invoiceItems: (_: unknown, args: ListArgs & { filter?: InvoiceItemListFilter | null }, ctx: Ctx) => listInvoiceItems(deps, ctx, args.filter, args),
    },
    Mutation: {
      createInvoiceItem: (_: unknown, args: { input: InvoiceItemCreateParams }, ctx: Ctx) => createInvoiceItem(deps, ctx, args.input),
      updateInvoiceItem: (_: unknown, args: { id: string; input: InvoiceItemUpdateParams }, ctx: Ctx) => updateInvoiceItem(deps, ctx, args.id, args.input),
      deleteInvoiceItem: (_: unknown, args: { id: string }, ctx: Ctx) => deleteInvoiceItem(deps, ctx, args.id),
    },
    InvoiceItem: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findInvoiceItemNode(deps, ctx.account, ref.id),
      invoice: (item: InvoiceItemNode, _: unknown, ctx: Ctx) => (item.invoiceId ? findInvoiceNode(deps, ctx.account, item.invoiceId) : null),
    },
  };
}
