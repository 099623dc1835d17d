import { mergeMetadata, PaygateError, randomBase62, type Metadata } from '@paygate/chassis';

/** Customer rules: what a create or update may set, Stripe's defaults, Stripe's limits. */
export interface AddressInput {
  city?: string | null;
  country?: string | null;
  line1?: string | null;
  line2?: string | null;
  postalCode?: string | null;
  state?: string | null;
}

export interface ShippingInput {
  address: AddressInput;
  name: string;
  phone?: string | null;
}

export interface InvoiceSettings {
  customFields?: { name: string; value: string }[] | null;
  defaultPaymentMethod?: string | null;
  footer?: string | null;
}

export interface CustomerFields {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  address?: AddressInput | null;
  shipping?: ShippingInput | null;
  balance?: number | null;
  invoicePrefix?: string | null;
  invoiceSettings?: InvoiceSettings | null;
  preferredLocales?: string[] | null;
  taxExempt?: string | null;
  metadata?: Record<string, string> | null;
}

export type CustomerCreateParams = CustomerFields;
export type CustomerUpdateParams = CustomerFields;

/** The stored shape (the database row without bookkeeping columns). */
export interface CustomerState {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  address: AddressInput | null;
  shipping: ShippingInput | null;
  balance: number;
  invoicePrefix: string;
  invoiceSettings: InvoiceSettings;
  preferredLocales: string[];
  taxExempt: string;
  metadata: Metadata;
}

export const TAX_EXEMPT_VALUES = ['none', 'exempt', 'reverse'] as const;

const LIMITS = { email: 512, name: 256, description: 350, phone: 20, footer: 5000, locales: 10 } as const;

function checkLength(param: string, value: string | null | undefined, max: number): void {
  if (typeof value === 'string' && value.length > max) {
    throw new PaygateError('parameter_invalid_string', `Invalid ${param}: must be at most ${max} characters`, { param });
  }
}

function checkCommon(input: CustomerFields): void {
  checkLength('email', input.email, LIMITS.email);
  checkLength('name', input.name, LIMITS.name);
  checkLength('description', input.description, LIMITS.description);
  checkLength('phone', input.phone, LIMITS.phone);
  checkLength('invoice_settings[footer]', input.invoiceSettings?.footer, LIMITS.footer);
  if (input.email && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
    throw new PaygateError('parameter_invalid_string', `Invalid email address: ${input.email}`, { param: 'email' });
  }
  if (input.taxExempt != null && !TAX_EXEMPT_VALUES.includes(input.taxExempt as (typeof TAX_EXEMPT_VALUES)[number])) {
    throw new PaygateError('invalid_request', `Invalid tax_exempt: must be one of ${TAX_EXEMPT_VALUES.join(', ')}`, { param: 'tax_exempt' });
  }
  if (input.invoicePrefix != null && !/^[A-Z0-9]{3,12}$/.test(input.invoicePrefix)) {
    throw new PaygateError('invalid_request', 'Invalid invoice_prefix: use 3–12 uppercase letters or digits.', { param: 'invoice_prefix' });
  }
  if (input.preferredLocales && input.preferredLocales.length > LIMITS.locales) {
    throw new PaygateError('invalid_request', `preferred_locales can have at most ${LIMITS.locales} entries.`, { param: 'preferred_locales' });
  }
  if (input.balance != null && !Number.isSafeInteger(input.balance)) {
    throw new PaygateError('parameter_invalid_integer', 'Invalid integer: balance', { param: 'balance' });
  }
}

/** Stripe gives each customer an 8-character invoice prefix. */
export function newInvoicePrefix(): string {
  return randomBase62(8).toUpperCase();
}

/** A new customer's state from create params (absent → Stripe's defaults; '' metadata values are dropped). */
export function newCustomerState(input: CustomerCreateParams): CustomerState {
  checkCommon(input);
  return {
    email: input.email ?? null,
    name: input.name ?? null,
    description: input.description ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    shipping: input.shipping ?? null,
    balance: input.balance ?? 0,
    invoicePrefix: input.invoicePrefix ?? newInvoicePrefix(),
    invoiceSettings: { customFields: null, defaultPaymentMethod: null, footer: null, ...input.invoiceSettings },
    preferredLocales: input.preferredLocales ?? [],
    taxExempt: input.taxExempt ?? 'none',
    metadata: mergeMetadata({}, input.metadata ?? {}),
  };
}

/**
 * The next state after an update: only fields present in the input change; null unsets a
 * nullable field (Stripe's `email=` with an empty value); metadata merges.
 */
export function updatedCustomerState(current: CustomerState, input: CustomerUpdateParams): CustomerState {
  checkCommon(input);
  const has = (key: keyof CustomerUpdateParams) => Object.prototype.hasOwnProperty.call(input, key);
  const next: CustomerState = { ...current };
  if (has('email')) next.email = input.email ?? null;
  if (has('name')) next.name = input.name ?? null;
  if (has('description')) next.description = input.description ?? null;
  if (has('phone')) next.phone = input.phone ?? null;
  if (has('address')) next.address = input.address ?? null;
  if (has('shipping')) next.shipping = input.shipping ?? null;
  if (has('balance')) next.balance = input.balance ?? 0;
  if (has('invoicePrefix') && input.invoicePrefix) next.invoicePrefix = input.invoicePrefix;
  if (has('invoiceSettings')) next.invoiceSettings = { ...current.invoiceSettings, ...input.invoiceSettings };
  if (has('preferredLocales')) next.preferredLocales = input.preferredLocales ?? [];
  if (has('taxExempt')) next.taxExempt = input.taxExempt ?? 'none';
  if (has('metadata')) next.metadata = mergeMetadata(current.metadata, input.metadata ?? null);
  return next;
}

/** Which top-level fields changed (Stripe's previous_attributes keys for customer.updated). */
export function changedFields(before: CustomerState, after: CustomerState): (keyof CustomerState)[] {
  return (Object.keys(after) as (keyof CustomerState)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
