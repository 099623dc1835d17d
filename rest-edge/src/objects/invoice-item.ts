import { customerObject } from './customer';
import { invoiceObject } from './invoice';
import { ITEM_LINE_FIELDS, renderUnitAmountDecimal, type InvoiceItemNode } from './invoice-line-item';
import { stripeObject, type StripeObject } from './stripe-object';

/**
 * Stripe's invoiceitem object: pending on the customer (invoice null) until an invoice takes it. It
 * carries both the 2023 fields (unit_amount, price) and the newer ones (pricing, parent, net_amount).
 */
export const invoiceItemObject: StripeObject<InvoiceItemNode> = stripeObject<InvoiceItemNode>({
  name: 'invoiceitem',
  fields: `id date ${ITEM_LINE_FIELDS}`,
  expandable: {
    customer: { field: 'customer', object: () => customerObject },
    invoice: { field: 'invoice', object: () => invoiceObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'invoiceitem',
    amount: node.amount,
    currency: node.currency,
    customer: expanded.customer,
    customer_account: null,
    date: node.date,
    description: node.description,
    discountable: node.discountable,
    discounts: [],
    invoice: expanded.invoice,
    livemode: node.livemode,
    metadata: node.metadata,
    net_amount: node.amount,
    parent: null,
    period: { end: node.period.end, start: node.period.start },
    price: null,
    pricing: { type: 'price_details', unit_amount_decimal: renderUnitAmountDecimal(node.unitAmount) },
    proration: node.proration,
    quantity: node.quantity,
    quantity_decimal: String(node.quantity),
    subscription: null,
    subscription_item: null,
    tax_rates: [],
    test_clock: null,
    unit_amount: node.unitAmount,
    unit_amount_decimal: renderUnitAmountDecimal(node.unitAmount),
  }),
});

/** What DELETE /v1/invoiceitems/:id answers. */
export const deletedInvoiceItemObject = stripeObject<{ id: string }>({
  name: 'invoiceitem',
  deleted: true,
  fields: 'id deleted',
  expandable: {},
  render: (node) => ({ id: node.id, object: 'invoiceitem', deleted: true }),
});
