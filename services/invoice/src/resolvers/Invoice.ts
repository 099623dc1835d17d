import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { InvoiceNode } from '../db/invoice-node';
import type { InvoiceListFilter } from '../db/invoices';
import type { InvoiceDeps } from '../use-cases/deps';
import { markInvoiceUncollectible, sendInvoice, voidInvoice } from '../use-cases/invoice-closing';
import { finalizeInvoice } from '../use-cases/invoice-finalize';
import { payInvoice, type InvoicePayParams } from '../use-cases/invoice-pay';
import { advanceCallerInvoices } from '../use-cases/invoice-sweep';
import {
  createInvoice,
  deleteInvoice,
  findInvoiceNode,
  linesOf,
  listInvoiceLines,
  listInvoices,
  retrieveInvoice,
  searchInvoices,
  updateInvoice,
  type InvoiceCreateParams,
  type InvoiceUpdateParams,
} from '../use-cases/invoices';

type Ctx = SubgraphContext;

/** Invoice entity, its queries and its lifecycle mutations: another account's id resolves to nothing. */
export function invoiceResolvers(deps: InvoiceDeps) {
  return {
    Query: {
      invoice: (_: unknown, args: { id: string }, ctx: Ctx) => retrieveInvoice(deps, ctx, args.id),
      invoices: (_: unknown, args: ListArgs & { filter?: InvoiceListFilter | null }, ctx: Ctx) => listInvoices(deps, ctx, args.filter, args),
      searchInvoices: (_: unknown, args: { query: string; limit?: number | null; page?: string | null }, ctx: Ctx) => searchInvoices(deps, ctx, args.query, args),
      invoiceLines: (_: unknown, args: ListArgs & { invoice: string }, ctx: Ctx) => listInvoiceLines(deps, ctx, args.invoice, args),
    },
    Mutation: {
      createInvoice: (_: unknown, args: { input: InvoiceCreateParams }, ctx: Ctx) => createInvoice(deps, ctx, args.input),
      updateInvoice: (_: unknown, args: { id: string; input: InvoiceUpdateParams }, ctx: Ctx) => updateInvoice(deps, ctx, args.id, args.input),
      deleteInvoice: (_: unknown, args: { id: string }, ctx: Ctx) => deleteInvoice(deps, ctx, args.id),
      finalizeInvoice: (_: unknown, args: { id: string; input?: { autoAdvance?: boolean | null } | null }, ctx: Ctx) => finalizeInvoice(deps, ctx, args.id, args.input ?? {}),
      payInvoice: (_: unknown, args: { id: string; input?: InvoicePayParams | null }, ctx: Ctx) => payInvoice(deps, ctx, args.id, args.input ?? {}),
      voidInvoice: (_: unknown, args: { id: string }, ctx: Ctx) => voidInvoice(deps, ctx, args.id),
      markInvoiceUncollectible: (_: unknown, args: { id: string }, ctx: Ctx) => markInvoiceUncollectible(deps, ctx, args.id),
      sendInvoice: (_: unknown, args: { id: string }, ctx: Ctx) => sendInvoice(deps, ctx, args.id),
      advanceInvoices: (_: unknown, args: { now?: number | null }, ctx: Ctx) => advanceCallerInvoices(deps, ctx, args.now),
    },
    Invoice: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => findInvoiceNode(deps, ctx.account, ref.id),
      lines: (invoice: InvoiceNode, args: ListArgs, ctx: Ctx) => linesOf(deps, ctx.account, invoice.id, args),
    },
  };
}
