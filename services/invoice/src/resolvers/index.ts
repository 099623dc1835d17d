import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { InvoiceItemStore } from '../db/invoice-items';
import type { InvoiceStore } from '../db/invoices';
import { customerResolvers } from './Customer';
import { invoiceResolvers } from './Invoice';
import { invoiceItemResolvers } from './InvoiceItem';
import { queryResolvers } from './Query';

export interface InvoiceStores {
  invoices: InvoiceStore;
  invoiceItems: InvoiceItemStore;
}

export function buildResolvers(stores: InvoiceStores): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...customerResolvers(stores),
    ...invoiceResolvers(stores),
    ...invoiceItemResolvers(stores),
    ...queryResolvers(stores),
  } as SubgraphResolvers;
}
