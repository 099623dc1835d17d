import { stripeObject, type StripeObject } from './stripe-object';

/** A node type from lists of graph field names, one list per value type (the lists are also the selection). */
export type GraphFields<Names extends readonly string[], Value> = { [Name in Names[number]]: Value };

/** What an invoice item and the line showing it both select, by value type. */
const ITEM_LINE_SCALARS = {
  numbers: ['amount', 'quantity'],
  nullableNumbers: ['unitAmount'],
  strings: ['currency'],
  nullableStrings: ['description'],
  booleans: ['livemode', 'discountable', 'proration'],
} as const;
type ItemLineScalars = typeof ITEM_LINE_SCALARS;

export const ITEM_LINE_FIELDS = `${Object.values(ITEM_LINE_SCALARS).flat().join(' ')} period { start end } metadata`;

export type InvoiceItemNode = GraphFields<ItemLineScalars['numbers'], number> &
  GraphFields<ItemLineScalars['nullableNumbers'], number | null> &
  GraphFields<ItemLineScalars['strings'], string> &
  GraphFields<ItemLineScalars['nullableStrings'], string | null> &
  GraphFields<ItemLineScalars['booleans'], boolean> & {
    id: string;
    date: number;
    period: { start: number; end: number };
    metadata: Record<string, string>;
  };

/** Stripe's pricing of an item without a Price: the unit amount as a decimal string (whole minor units here). */
export function renderUnitAmountDecimal(unitAmount: number | null): string | null {
  return unitAmount === null ? null : String(unitAmount);
}

export type InvoiceLineItemNode = Omit<InvoiceItemNode, 'date'> & {
  invoice: string;
  invoiceItem: { id: string };
};

/**
 * Stripe's line_item of type invoiceitem (GET /v1/invoices/:id/lines, and the invoice's embedded
 * lines): the 2023 shape (type, invoice_item, price, unit_amount_excluding_tax) together with the newer
 * one (parent.invoice_item_details, pricing, taxes).
 */
export const invoiceLineItemObject: StripeObject<InvoiceLineItemNode> = stripeObject<InvoiceLineItemNode>({
  name: 'line_item',
  fields: `id ${ITEM_LINE_FIELDS} invoice invoiceItem { id }`,
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'line_item',
    amount: node.amount,
    amount_excluding_tax: node.amount,
    currency: node.currency,
    description: node.description,
    discount_amounts: [],
    discountable: node.discountable,
    discounts: [],
    invoice: node.invoice,
    invoice_item: node.invoiceItem.id,
    livemode: node.livemode,
    metadata: node.metadata,
    parent: {
      invoice_item_details: { invoice_item: node.invoiceItem.id, proration: node.proration, proration_details: { credited_items: null }, subscription: null },
      subscription_item_details: null,
      type: 'invoice_item_details',
    },
    period: { end: node.period.end, start: node.period.start },
    pretax_credit_amounts: [],
    price: null,
    pricing: { type: 'price_details', unit_amount_decimal: renderUnitAmountDecimal(node.unitAmount) },
    proration: node.proration,
    proration_details: { credited_items: null },
    quantity: node.quantity,
    quantity_decimal: String(node.quantity),
    subscription: null,
    subscription_item: null,
    subtotal: node.amount,
    tax_amounts: [],
    tax_rates: [],
    taxes: [],
    type: 'invoiceitem',
    unit_amount_excluding_tax: renderUnitAmountDecimal(node.unitAmount),
  }),
});
