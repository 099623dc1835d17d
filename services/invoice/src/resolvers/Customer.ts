import type { ListArgs, SubgraphContext } from '@paygate/chassis';
import type { InvoiceDeps } from '../use-cases/deps';
import { listCustomerInvoices } from '../use-cases/invoices';

/**
 * Customer is the customer service's; this service adds its invoices. The customer service already
 * turns another account's id into null; here only the caller's own invoices are listed.
 */
export function customerResolvers(deps: InvoiceDeps) {
  return {
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      invoices: (customer: { id: string }, args: ListArgs, ctx: SubgraphContext) => listCustomerInvoices(deps, ctx.account, customer.id, args),
    },
  };
}
