import type { AddressNode } from '@paygate/chassis';
import { toStripeShape } from '../http/wire';

/** Sub-objects several Stripe objects share, with their selections and renderers. */
export const ADDRESS_FIELDS = 'address { city country line1 line2 postalCode state }';
export const BILLING_DETAILS_FIELDS = `billingDetails { email name phone ${ADDRESS_FIELDS} }`;
export const SHIPPING_FIELDS = `shipping { name phone carrier trackingNumber ${ADDRESS_FIELDS} }`;

export type { AddressNode };

export interface BillingDetailsNode {
  address: AddressNode | null;
  email: string | null;
  name: string | null;
  phone: string | null;
}

export interface ShippingNode {
  address: AddressNode | null;
  name: string | null;
  phone: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
}

export function renderAddress(address: AddressNode | null) {
  return address ? toStripeShape<Record<string, string | null>>(address) : null;
}

/** Stripe's billing_details: every key present, address always an object. */
export function renderBillingDetails(details: BillingDetailsNode) {
  return {
    address: renderAddress(details.address) ?? { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: details.email,
    name: details.name,
    phone: details.phone,
  };
}

export function renderShipping(shipping: ShippingNode | null) {
  if (!shipping) return null;
  return {
    address: renderAddress(shipping.address),
    carrier: shipping.carrier ?? null,
    name: shipping.name,
    phone: shipping.phone,
    tracking_number: shipping.trackingNumber ?? null,
  };
}

/** A list Stripe embeds inside an object that we do not serve yet (sources, tax_ids, …). */
export const emptyList = (url: string) => ({ object: 'list', data: [], has_more: false, total_count: 0, url });

/** Legacy card objects (token.card, charge.source) spell the brand for display. */
const DISPLAY_BRAND: Record<string, string> = {
  amex: 'American Express',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'Eftpos Australia',
  jcb: 'JCB',
  mastercard: 'MasterCard',
  unionpay: 'UnionPay',
  visa: 'Visa',
  unknown: 'Unknown',
};
export function displayBrand(brand: string): string {
  return DISPLAY_BRAND[brand] ?? brand;
}
