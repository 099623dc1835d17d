import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { InvoiceDeps } from '../use-cases/deps';
import { customerResolvers } from './Customer';
import { hostedInvoiceResolvers } from './HostedInvoice';
import { invoiceResolvers } from './Invoice';
import { invoiceItemResolvers } from './InvoiceItem';

type Fragment = Record<string, Record<string, unknown>>;

/** Each type's file contributes its type resolvers plus its Query and Mutation fields; merged here. */
export function buildResolvers(deps: InvoiceDeps): SubgraphResolvers {
  const merged: Fragment = { Metadata: MetadataScalar as unknown as Record<string, unknown> };
  for (const fragment of [customerResolvers(deps), invoiceResolvers(deps), invoiceItemResolvers(deps), hostedInvoiceResolvers(deps)] as Fragment[]) {
    for (const [type, fields] of Object.entries(fragment)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as SubgraphResolvers;
}
