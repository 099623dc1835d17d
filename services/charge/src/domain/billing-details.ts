import type { AddressNode } from '@paygate/chassis';

/** Stripe's billing_details address: every key present, null when unknown (as Stripe renders it). */
export type Address = AddressNode;

export interface BillingDetails {
  address: Address;
  email: string | null;
  name: string | null;
  phone: string | null;
}

export type AddressInput = Partial<Record<keyof Address, string | null>>;

export interface BillingDetailsInput {
  address?: AddressInput | null;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
}

export const EMPTY_ADDRESS: Address = { city: null, country: null, line1: null, line2: null, postalCode: null, state: null };
export const EMPTY_BILLING_DETAILS: BillingDetails = { address: EMPTY_ADDRESS, email: null, name: null, phone: null };

function pick<T extends object>(current: T, patch: Partial<Record<keyof T, unknown>> | null | undefined): T {
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof T)[]) {
    const value = patch?.[key];
    // Stripe: an empty string unsets a field; absent leaves it.
    if (value !== undefined) next[key] = (value === '' ? null : value) as T[keyof T];
  }
  return next;
}

/** Applies the fields a request names to `current` (creation starts from EMPTY_BILLING_DETAILS). */
export function applyBillingDetails(current: BillingDetails, input: BillingDetailsInput | null | undefined): BillingDetails {
  if (!input) return current;
  const { address, ...rest } = input;
  return { ...pick(current, rest), address: address === null ? EMPTY_ADDRESS : pick(current.address, address) };
}
