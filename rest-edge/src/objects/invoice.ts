import { chargeObject } from './charge';
import { customerObject } from './customer';
import { invoiceLineItemObject, type GraphFields, type InvoiceLineItemNode } from './invoice-line-item';
import { paymentIntentObject } from './payment-intent';
import { paymentMethodObject } from './payment-method';
import { ADDRESS_FIELDS, renderAddress, type AddressNode } from './shared-shapes';
import { renderObject, selectionOf, stripeObject, type StripeObject } from './stripe-object';

/** The invoice's scalar graph fields by value type: the one list behind both its selection and InvoiceNode. */
const INVOICE_SCALARS = {
  numbers: [
    'created', 'periodStart', 'periodEnd', 'subtotal', 'total', 'startingBalance', 'amountDue', 'amountPaid', 'amountPaidOffStripe', 'amountRemaining', 'attemptCount',
  ],
  nullableNumbers: ['automaticallyFinalizesAt', 'dueDate', 'endingBalance'],
  strings: ['id', 'status', 'currency', 'collectionMethod'],
  nullableStrings: [
    'number', 'customerEmail', 'customerName', 'customerPhone', 'customerTaxExempt', 'billingReason', 'description', 'footer', 'statementDescriptor', 'hostedInvoiceUrl',
  ],
  booleans: ['livemode', 'autoAdvance', 'attempted', 'paid', 'paidOutOfBand'],
} as const;
type InvoiceScalars = typeof INVOICE_SCALARS;

export type InvoiceNode = GraphFields<InvoiceScalars['numbers'], number> &
  GraphFields<InvoiceScalars['nullableNumbers'], number | null> &
  GraphFields<InvoiceScalars['strings'], string> &
  GraphFields<InvoiceScalars['nullableStrings'], string | null> &
  GraphFields<InvoiceScalars['booleans'], boolean> & {
    customerAddress: AddressNode | null;
    customerShipping: { address: AddressNode | null; name: string | null; phone: string | null } | null;
    statusTransitions: { finalizedAt: number | null; markedUncollectibleAt: number | null; paidAt: number | null; voidedAt: number | null };
    metadata: Record<string, string>;
    lines: { hasMore: boolean; totalCount: number; data: InvoiceLineItemNode[] };
  };

/** How many lines an invoice embeds, as Stripe's does; the rest are at /v1/invoices/:id/lines. */
const EMBEDDED_LINES = 10;

const INVOICE_FIELDS = `${Object.values(INVOICE_SCALARS).flat().join(' ')} metadata
    customerAddress { city country line1 line2 postalCode state }
    customerShipping { name phone ${ADDRESS_FIELDS} }
    statusTransitions { finalizedAt markedUncollectibleAt paidAt voidedAt }`;

const EMPTY_TAX = { disabled_reason: null, enabled: false, liability: null, provider: null, status: null };

/**
 * Stripe's invoice object (the invoice subgraph): the 2023 fields the SDKs of that era read (paid,
 * charge, payment_intent, tax, …) together with the newer ones (amount_overpaid, issuer, parent,
 * total_taxes, automatically_finalizes_at). No tax, discounts, subscriptions or credit notes here.
 */
export const invoiceObject: StripeObject<InvoiceNode> = stripeObject<InvoiceNode>({
  name: 'invoice',
  // A getter: the line selection comes from invoice-line-item.ts, whose invoice-item.ts points back here.
  get fields() {
    return `${INVOICE_FIELDS} lines(limit: ${EMBEDDED_LINES}) { hasMore totalCount data { ${selectionOf(invoiceLineItemObject)} } }`;
  },
  expandable: {
    charge: { field: 'charge', object: () => chargeObject },
    customer: { field: 'customer', object: () => customerObject },
    default_payment_method: { field: 'defaultPaymentMethod', object: () => paymentMethodObject },
    payment_intent: { field: 'paymentIntent', object: () => paymentIntentObject },
  },
  render: (node, expanded) => ({
    id: node.id,
    object: 'invoice',
    account_country: null,
    account_name: null,
    account_tax_ids: null,
    amount_due: node.amountDue,
    amount_overpaid: 0,
    amount_paid: node.amountPaid,
    amount_paid_off_stripe: node.amountPaidOffStripe,
    amount_remaining: node.amountRemaining,
    amount_shipping: 0,
    application: null,
    application_fee_amount: null,
    attempt_count: node.attemptCount,
    attempted: node.attempted,
    auto_advance: node.autoAdvance,
    automatic_tax: EMPTY_TAX,
    automatically_finalizes_at: node.automaticallyFinalizesAt,
    billing_reason: node.billingReason,
    charge: expanded.charge,
    collection_method: node.collectionMethod,
    confirmation_secret: null,
    created: node.created,
    currency: node.currency,
    custom_fields: null,
    customer: expanded.customer,
    customer_account: null,
    customer_address: renderAddress(node.customerAddress),
    customer_email: node.customerEmail,
    customer_name: node.customerName,
    customer_phone: node.customerPhone,
    customer_shipping: node.customerShipping
      ? { address: renderAddress(node.customerShipping.address), name: node.customerShipping.name, phone: node.customerShipping.phone }
      : null,
    customer_tax_exempt: node.customerTaxExempt,
    customer_tax_ids: [],
    default_payment_method: expanded.default_payment_method,
    default_source: null,
    default_tax_rates: [],
    description: node.description,
    discount: null,
    discounts: [],
    due_date: node.dueDate,
    effective_at: node.statusTransitions.finalizedAt,
    ending_balance: node.endingBalance,
    footer: node.footer,
    from_invoice: null,
    hosted_invoice_url: node.hostedInvoiceUrl,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: node.lines.data.map((line) => renderObject(invoiceLineItemObject, line)),
      has_more: node.lines.hasMore,
      total_count: node.lines.totalCount,
      url: `/v1/invoices/${node.id}/lines`,
    },
    livemode: node.livemode,
    metadata: node.metadata,
    next_payment_attempt: null,
    number: node.number,
    on_behalf_of: null,
    paid: node.paid,
    paid_out_of_band: node.paidOutOfBand,
    parent: null,
    payment_intent: expanded.payment_intent,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: node.periodEnd,
    period_start: node.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    quote: null,
    receipt_number: null,
    rendering: null,
    rendering_options: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: node.startingBalance,
    statement_descriptor: node.statementDescriptor,
    status: node.status,
    status_transitions: {
      finalized_at: node.statusTransitions.finalizedAt,
      marked_uncollectible_at: node.statusTransitions.markedUncollectibleAt,
      paid_at: node.statusTransitions.paidAt,
      voided_at: node.statusTransitions.voidedAt,
    },
    subscription: null,
    subscription_details: null,
    subscription_proration_date: null,
    subtotal: node.subtotal,
    subtotal_excluding_tax: node.subtotal,
    tax: null,
    test_clock: null,
    threshold_reason: null,
    total: node.total,
    total_discount_amounts: [],
    total_excluding_tax: node.total,
    total_pretax_credit_amounts: [],
    total_tax_amounts: [],
    total_taxes: [],
    transfer_data: null,
    webhooks_delivered_at: null,
  }),
});

/** What DELETE /v1/invoices/:id answers. */
export const deletedInvoiceObject = stripeObject<{ id: string }>({
  name: 'invoice',
  deleted: true,
  fields: 'id deleted',
  expandable: {},
  render: (node) => ({ id: node.id, object: 'invoice', deleted: true }),
});
