import { listPage, randomBase62, type ListArgs, type Page } from '@paygate/chassis';
import type { PrismaClient, SessionTx } from './client';
import type { LineItemRow } from './checkout-session-node';

/**
 * Stripe's ids for a session's lines (`li_…`) and the inline price (`price_…`) and product (`prod_…`)
 * it makes from price_data: not chassis id kinds, since only this service mints them.
 */
export const newCheckoutSessionLineItemId = () => `li_${randomBase62(24)}`;
export const newInlinePriceId = () => `price_${randomBase62(24)}`;
export const newInlineProductId = () => `prod_${randomBase62(14)}`;

/** A session's lines, in the order they were given. */
export function listLineItems(db: PrismaClient | SessionTx, account: string, checkoutSessionId: string, args: ListArgs): Promise<Page<LineItemRow>> {
  const where = { account, checkoutSessionId };
  return listPage(db.checkoutSessionLineItem, { where, kind: 'line item', toNode: (row) => row, order: 'oldest_first' }, args);
}
