import { fail, type ListArgs, listPage, type Page, randomBase62 } from '@paygate/chassis';
import type { PrismaClient } from './client';
import type { CheckoutSessionLineItem as LineItemRow } from './generated/client';

/** Stripe's line item ids (`li_…`): not a chassis id kind, since only this service mints them. */
export function newCheckoutSessionLineItemId(): string {
  return `li_${randomBase62(24)}`;
}

/** A line as the graph shows it (GraphQL `CheckoutSessionLineItem`, Stripe's `item`). */
export interface CheckoutSessionLineItemNode {
  id: string;
  description: string;
  price: { unitAmount: number; currency: string };
  quantity: number;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  currency: string;
}

export function toCheckoutSessionLineItemNode(row: LineItemRow): CheckoutSessionLineItemNode {
  return {
    id: row.id,
    description: row.description,
    price: { unitAmount: row.unitAmount, currency: row.currency },
    quantity: row.quantity,
    amountSubtotal: row.amountSubtotal,
    amountDiscount: row.amountDiscount,
    amountTax: row.amountTax,
    amountTotal: row.amountTotal,
    currency: row.currency,
  };
}

/** Line item reads, in the order the lines were given. Scoped to the calling account. */
export class CheckoutSessionLineItemStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** GET /v1/checkout/sessions/:id/line_items: 404 when the session is not this account's. */
  async listForSession(account: string, checkoutSessionId: string, args: ListArgs): Promise<Page<CheckoutSessionLineItemNode>> {
    const session = await this.prisma.checkoutSession.findFirst({ where: { id: checkoutSessionId, account }, select: { id: true } });
    if (!session) throw fail.missing('checkout session', checkoutSessionId);
    return this.list(account, checkoutSessionId, args);
  }

  /** The lines of a session already known to be this account's (CheckoutSession.lineItems). */
  async list(account: string, checkoutSessionId: string, args: ListArgs): Promise<Page<CheckoutSessionLineItemNode>> {
    const where = { account, checkoutSessionId };
    return listPage(this.prisma.checkoutSessionLineItem, { where, kind: 'line item', toNode: toCheckoutSessionLineItemNode, order: 'oldest_first' }, args);
  }
}
