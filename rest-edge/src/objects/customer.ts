import { stripeObject } from './stripe-object';
import { ADDRESS_FIELDS, emptyList, renderAddress, type AddressNode, type ShippingNode } from './shared-shapes';

export interface CustomerNode {
  id: string;
  created: number;
  livemode: boolean;
  deleted: boolean;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  balance: number;
  currency: string | null;
  defaultSource: string | null;
  delinquent: boolean | null;
  invoicePrefix: string | null;
  nextInvoiceSequence: number;
  preferredLocales: string[];
  taxExempt: string | null;
  metadata: Record<string, string>;
  address: AddressNode | null;
  shipping: ShippingNode | null;
  invoiceSettings: { customFields: { name: string; value: string }[] | null; defaultPaymentMethod: string | null; footer: string | null };
}

/** Stripe's customer object (a deleted one keeps only its id). */
export const customerObject = stripeObject<CustomerNode>({
  name: 'customer',
  fields: `
    id created livemode deleted email name description phone balance currency defaultSource delinquent
    invoicePrefix nextInvoiceSequence preferredLocales taxExempt metadata ${ADDRESS_FIELDS}
    shipping { name phone ${ADDRESS_FIELDS} }
    invoiceSettings { customFields { name value } defaultPaymentMethod footer }`,
  expandable: {},
  render: (node) => {
    if (node.deleted) return { id: node.id, object: 'customer', deleted: true };
    return {
      id: node.id,
      object: 'customer',
      address: renderAddress(node.address),
      balance: node.balance,
      cash_balance: null,
      created: node.created,
      currency: node.currency,
      default_source: node.defaultSource,
      delinquent: node.delinquent,
      description: node.description,
      discount: null,
      email: node.email,
      invoice_credit_balance: {},
      invoice_prefix: node.invoicePrefix,
      invoice_settings: {
        custom_fields: node.invoiceSettings.customFields,
        default_payment_method: node.invoiceSettings.defaultPaymentMethod,
        footer: node.invoiceSettings.footer,
        rendering_options: null,
      },
      livemode: node.livemode,
      metadata: node.metadata,
      name: node.name,
      next_invoice_sequence: node.nextInvoiceSequence,
      phone: node.phone,
      preferred_locales: node.preferredLocales,
      shipping: node.shipping ? { address: renderAddress(node.shipping.address), name: node.shipping.name, phone: node.shipping.phone } : null,
      sources: emptyList(`/v1/customers/${node.id}/sources`),
      subscriptions: emptyList(`/v1/customers/${node.id}/subscriptions`),
      tax: { automatic_tax: 'unrecognized_location', ip_address: null, location: null },
      tax_exempt: node.taxExempt,
      tax_ids: emptyList(`/v1/customers/${node.id}/tax_ids`),
      test_clock: null,
    };
  },
});

/** What DELETE /v1/customers/:id answers (Stripe's deleted-object shape). */
export const deletedCustomerObject = stripeObject<{ id: string }>({
  name: 'customer',
  deleted: true,
  fields: 'id deleted',
  expandable: {},
  render: (node) => ({ id: node.id, object: 'customer', deleted: true }),
});
