import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { CheckoutSessionLineItemStore } from '../db/checkout-session-line-items';
import type { CheckoutSessionStore } from '../db/checkout-sessions';
import { checkoutSessionResolvers } from './CheckoutSession';
import { customerResolvers } from './Customer';
import { queryResolvers } from './Query';

export interface SessionStores {
  sessions: CheckoutSessionStore;
  lineItems: CheckoutSessionLineItemStore;
}

export function buildResolvers(stores: SessionStores): SubgraphResolvers {
  return {
    Metadata: MetadataScalar,
    ...checkoutSessionResolvers(stores),
    ...customerResolvers(stores),
    ...queryResolvers(stores),
  } as SubgraphResolvers;
}
