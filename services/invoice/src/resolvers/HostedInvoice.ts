import type { SubgraphContext } from '@paygate/chassis';
import type { InvoiceDeps } from '../use-cases/deps';
import { hostedInvoice, payFromHostedPage, refreshHostedPayment } from '../use-cases/hosted-invoice';

type Ctx = SubgraphContext;
type Secured = { id: string; secret: string };

/** The hosted invoice page's operations, authorised by the invoice's secret rather than a merchant key. */
export function hostedInvoiceResolvers(deps: InvoiceDeps) {
  return {
    Query: {
      hostedInvoice: (_: unknown, args: Secured, ctx: Ctx) => hostedInvoice(deps, ctx, args.id, args.secret),
    },
    Mutation: {
      payInvoiceFromHostedPage: (_: unknown, args: Secured & { paymentMethod: string; returnUrl: string }, ctx: Ctx) =>
        payFromHostedPage(deps, ctx, args.id, args.secret, args.paymentMethod, args.returnUrl),
      refreshHostedInvoicePayment: (_: unknown, args: Secured, ctx: Ctx) => refreshHostedPayment(deps, ctx, args.id, args.secret),
    },
  };
}
