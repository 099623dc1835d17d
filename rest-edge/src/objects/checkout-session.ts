import { checkoutSessionLineItemListObject } from './checkout-session-line-item';
import { customerObject } from './customer';
import { paymentIntentObject } from './payment-intent';
import { ADDRESS_FIELDS, renderAddress, type AddressNode } from './shared-shapes';
import { stripeObject, type StripeObject } from './stripe-object';

export interface CheckoutSessionNode {
  id: string;
  created: number;
  livemode: boolean;
  expiresAt: number;
  mode: string;
  status: string;
  paymentStatus: string;
  amountSubtotal: number | null;
  amountTotal: number | null;
  currency: string | null;
  customerEmail: string | null;
  customerDetails: { address: AddressNode | null; email: string | null; name: string | null; phone: string | null; taxExempt: string | null } | null;
  customerCreation: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  locale: string | null;
  submitType: string | null;
  billingAddressCollection: string | null;
  paymentMethodTypes: string[];
  metadata: Record<string, string>;
  url: string | null;
}

/**
 * Stripe's checkout.session (the session subgraph), mode payment. `line_items` is Stripe's includable
 * list: present only when expanded (expand[]=line_items), as Stripe does; `customer` and
 * `payment_intent` expand into their objects. Features Paygate does not offer render as Stripe shows
 * them switched off.
 */
export const checkoutSessionObject: StripeObject<CheckoutSessionNode> = stripeObject<CheckoutSessionNode>({
  name: 'checkout.session',
  fields: `
    id created livemode expiresAt mode status paymentStatus amountSubtotal amountTotal currency customerEmail
    customerDetails { email name phone taxExempt ${ADDRESS_FIELDS} }
    customerCreation clientReferenceId successUrl cancelUrl locale submitType billingAddressCollection paymentMethodTypes metadata url`,
  expandable: {
    customer: { field: 'customer', object: () => customerObject },
    line_items: { field: 'lineItemList', object: () => checkoutSessionLineItemListObject },
    payment_intent: { field: 'paymentIntent', object: () => paymentIntentObject },
  },
  render: (node, expanded) => {
    const details = node.customerDetails;
    const paymentMode = node.mode === 'payment';
    return {
      id: node.id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: node.amountSubtotal,
      amount_total: node.amountTotal,
      automatic_tax: { enabled: false, liability: null, status: null },
      billing_address_collection: node.billingAddressCollection,
      cancel_url: node.cancelUrl,
      client_reference_id: node.clientReferenceId,
      consent: null,
      consent_collection: null,
      created: node.created,
      currency: node.currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: expanded.customer,
      customer_creation: node.customerCreation,
      customer_details: details && {
        address: renderAddress(details.address),
        email: details.email,
        name: details.name,
        phone: details.phone,
        tax_exempt: details.taxExempt,
        tax_ids: [],
      },
      customer_email: node.customerEmail,
      expires_at: node.expiresAt,
      invoice: null,
      invoice_creation: paymentMode
        ? { enabled: false, invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null } }
        : null,
      // Includable, as in Stripe: an unexpanded session does not carry the property at all.
      ...(expanded.line_items !== null && typeof expanded.line_items === 'object' ? { line_items: expanded.line_items } : {}),
      livemode: node.livemode,
      locale: node.locale,
      metadata: node.metadata,
      mode: node.mode,
      payment_intent: expanded.payment_intent,
      payment_link: null,
      payment_method_collection: 'always',
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: node.paymentMethodTypes,
      payment_status: node.paymentStatus,
      phone_number_collection: { enabled: false },
      recovered_from: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_details: null,
      shipping_options: [],
      status: node.status,
      submit_type: node.submitType,
      subscription: null,
      success_url: node.successUrl,
      tax_id_collection: { enabled: false },
      total_details: paymentMode ? { amount_discount: 0, amount_shipping: 0, amount_tax: 0 } : null,
      ui_mode: 'hosted',
      url: node.url,
    };
  },
});
