import { renderObject, stripeObject, type StripeObject } from './stripe-object';

/** The inline price a line was sold at (made from its price_data). */
export interface InlinePriceNode {
  id: string | null;
  created: number;
  unitAmount: number;
  currency: string;
  product: string | null;
}

export interface CheckoutSessionLineItemNode {
  id: string;
  description: string;
  quantity: number;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  currency: string;
  price: InlinePriceNode;
}

/** Stripe's price object for a price_data line: one-time, per unit, inactive (inline prices are never listed or reused). */
function renderInlinePrice(price: InlinePriceNode) {
  return {
    id: price.id,
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: price.product,
    recurring: null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'one_time',
    unit_amount: price.unitAmount,
    unit_amount_decimal: String(price.unitAmount),
  };
}

/** Stripe's `item` (a checkout session's line), its price inline. No discounts or taxes are applied here. */
export const checkoutSessionLineItemObject: StripeObject<CheckoutSessionLineItemNode> = stripeObject<CheckoutSessionLineItemNode>({
  name: 'item',
  fields: 'id description quantity amountSubtotal amountDiscount amountTax amountTotal currency price { id created unitAmount currency product }',
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'item',
    amount_discount: node.amountDiscount,
    amount_subtotal: node.amountSubtotal,
    amount_tax: node.amountTax,
    amount_total: node.amountTotal,
    currency: node.currency,
    description: node.description,
    discounts: [],
    price: renderInlinePrice(node.price),
    quantity: node.quantity,
    taxes: [],
  }),
});

export interface CheckoutSessionLineItemListNode {
  /** The session's id. */
  id: string;
  hasMore: boolean;
  data: CheckoutSessionLineItemNode[];
}

/** A session's line_items as an expanded session embeds them: the first page, as a Stripe list. */
export const checkoutSessionLineItemListObject: StripeObject<CheckoutSessionLineItemListNode> = stripeObject<CheckoutSessionLineItemListNode>({
  name: 'list',
  get fields() {
    return `id hasMore data { ${checkoutSessionLineItemObject.fields} }`;
  },
  expandable: {},
  render: (node) => ({
    object: 'list',
    data: node.data.map((line) => renderObject(checkoutSessionLineItemObject, line)),
    has_more: node.hasMore,
    url: `/v1/checkout/sessions/${node.id}/line_items`,
  }),
});
