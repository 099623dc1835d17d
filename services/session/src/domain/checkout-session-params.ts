import { assertChargeAmount, mergeMetadata, parseCurrency, PaygateError, type Metadata } from '@paygate/chassis';
import { checkoutSessionExpiresAt } from './checkout-session-expiry';
import { initialPaymentStatus, type CheckoutSessionMode, type CheckoutSessionPaymentStatus } from './checkout-session-status';
import { checkoutSessionTotals, lineItemAmounts, type LineItemAmounts } from './line-item-amounts';

/** POST /v1/checkout/sessions as the graph receives it (camelCase, everything optional until checked here). */
export interface CheckoutSessionCreateParams {
  mode?: CheckoutSessionMode | null;
  lineItems?: readonly CheckoutSessionLineItemParams[] | null;
  customer?: string | null;
  customerEmail?: string | null;
  customerCreation?: string | null;
  successUrl?: string | null;
  cancelUrl?: string | null;
  clientReferenceId?: string | null;
  metadata?: Metadata | null;
  paymentIntentData?: { captureMethod?: string | null; description?: string | null; metadata?: Metadata | null } | null;
  expiresAt?: number | null;
  submitType?: string | null;
}

export interface CheckoutSessionLineItemParams {
  priceData?: { currency?: string | null; unitAmount?: number | null; productData?: { name?: string | null; description?: string | null } | null } | null;
  quantity?: number | null;
}

export interface PlannedLineItem extends LineItemAmounts {
  description: string;
  productDescription: string | null;
  unitAmount: number;
  quantity: number;
  currency: string;
}

export interface PaymentIntentData {
  captureMethod: 'automatic' | 'automatic_async' | 'manual' | null;
  description: string | null;
  metadata: Metadata;
}

/** A checked session, ready to write: nothing here can be refused any more (but the customer's existence, asked of its service). */
export interface CheckoutSessionPlan {
  mode: 'payment';
  lines: PlannedLineItem[];
  currency: string;
  amountSubtotal: number;
  amountTotal: number;
  paymentStatus: CheckoutSessionPaymentStatus;
  customer: string | null;
  customerEmail: string | null;
  customerCreation: 'if_required' | 'always' | null;
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  paymentIntentData: PaymentIntentData | null;
  expiresAt: number;
  submitType: SubmitType | null;
}

export const SUBMIT_TYPES = ['auto', 'pay', 'book', 'donate'] as const;
export type SubmitType = (typeof SUBMIT_TYPES)[number];
const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
const CUSTOMER_CREATION = ['if_required', 'always'] as const;
/** Stripe's limits. */
const MAX_LINE_ITEMS = 100;
const MAX_URL_LENGTH = 5000;
const MAX_CLIENT_REFERENCE_ID = 200;
const MAX_DESCRIPTION = 1000;

const missing = (param: string, message = `Missing required param: ${param}.`) => new PaygateError('parameter_missing', message, { param });
const invalid = (param: string, message: string) => new PaygateError('invalid_request', message, { param });

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined, param: string): T | null {
  if (value === null || value === undefined) return null;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw invalid(param, `Invalid ${param}: must be one of ${values.join(', ')}`);
}

/** Only payment mode exists so far: the others get a 400 that says so, on `mode`. */
function paymentMode(mode: CheckoutSessionMode | null | undefined): 'payment' {
  if (!mode) throw missing('mode');
  switch (mode) {
    case 'payment':
      return mode;
    case 'subscription':
    case 'setup':
      throw invalid('mode', `Checkout Sessions in \`${mode}\` mode are not supported yet: Paygate supports only \`mode=payment\` (one-time payments with line_items).`);
    default: {
      const unhandled: never = mode;
      throw invalid('mode', `Invalid mode: ${String(unhandled)}`);
    }
  }
}

/** An absolute http(s) URL (Stripe's "Not a valid URL"); `{CHECKOUT_SESSION_ID}` is allowed anywhere in it. */
export function checkUrl(raw: string, param: string): string {
  if (raw.length > MAX_URL_LENGTH) throw invalid(param, `Invalid ${param}: must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw.replaceAll('{CHECKOUT_SESSION_ID}', 'cs'));
  } catch {
    throw invalid(param, 'Not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(param, 'Not a valid URL');
  return raw;
}

function planLine(line: CheckoutSessionLineItemParams, index: number): PlannedLineItem {
  const at = `line_items[${index}]`;
  const price = line.priceData;
  if (!price) throw missing(`${at}[price_data]`, `You must provide either price or price_data for each line item when using prices.`);
  if (price.currency === null || price.currency === undefined) throw missing(`${at}[price_data][currency]`);
  const currency = parseCurrency(price.currency, `${at}[price_data][currency]`);
  if (price.unitAmount === null || price.unitAmount === undefined) throw missing(`${at}[price_data][unit_amount]`);
  const name = price.productData?.name;
  if (name === null || name === undefined) throw missing(`${at}[price_data][product_data][name]`);
  if (name.trim() === '') throw new PaygateError('parameter_invalid_empty', 'You passed an empty string for a product name. We assume empty values are an attempt to unset a parameter; however this parameter cannot be unset.', { param: `${at}[price_data][product_data][name]` });
  if (line.quantity === null || line.quantity === undefined) throw missing(`${at}[quantity]`, `Quantity is required. Add \`quantity\` to \`${at}\``);
  const amounts = lineItemAmounts({ unitAmount: price.unitAmount, quantity: line.quantity }, at);
  const productDescription = price.productData?.description ?? null;
  return { ...amounts, description: name, productDescription: productDescription === '' ? null : productDescription, unitAmount: price.unitAmount, quantity: line.quantity, currency };
}

function planLines(lineItems: readonly CheckoutSessionLineItemParams[] | null | undefined): { lines: PlannedLineItem[]; currency: string } {
  if (!lineItems || lineItems.length === 0) throw missing('line_items', '`line_items` is required in `payment` mode.');
  if (lineItems.length > MAX_LINE_ITEMS) throw invalid('line_items', `A Checkout Session can have at most ${MAX_LINE_ITEMS} line items.`);
  const lines = lineItems.map(planLine);
  const currency = lines[0]!.currency;
  const other = lines.findIndex((line) => line.currency !== currency);
  if (other >= 0) {
    throw invalid(`line_items[${other}][price_data][currency]`, `All line items of a Checkout Session must have the same currency: line_items[0] is in ${currency}, line_items[${other}] in ${lines[other]!.currency}.`);
  }
  return { lines, currency };
}

function planCustomer(input: CheckoutSessionCreateParams): Pick<CheckoutSessionPlan, 'customer' | 'customerEmail' | 'customerCreation'> {
  const customer = input.customer || null;
  const customerEmail = input.customerEmail || null;
  if (customer && customerEmail) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: customer, customer_email.', { param: 'customer_email' });
  }
  if (customer && input.customerCreation) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: customer, customer_creation.', { param: 'customer_creation' });
  }
  if (customerEmail && (customerEmail.length > 512 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail))) {
    throw invalid('customer_email', `Invalid email address: ${customerEmail.slice(0, 80)}`);
  }
  const customerCreation = oneOf(CUSTOMER_CREATION, input.customerCreation, 'customer_creation') ?? (customer ? null : 'if_required');
  return { customer, customerEmail, customerCreation };
}

function planPaymentIntentData(data: CheckoutSessionCreateParams['paymentIntentData']): PaymentIntentData | null {
  if (!data) return null;
  const description = data.description ?? null;
  if (description !== null && description.length > MAX_DESCRIPTION) {
    throw invalid('payment_intent_data[description]', `Invalid payment_intent_data[description]: must be at most ${MAX_DESCRIPTION} characters`);
  }
  let metadata: Metadata;
  try {
    metadata = mergeMetadata({}, data.metadata ?? {});
  } catch (err) {
    if (err instanceof PaygateError && err.details.param) throw new PaygateError(err.code, err.message, { param: err.details.param.replace(/^metadata/, 'payment_intent_data[metadata]') });
    throw err;
  }
  return { captureMethod: oneOf(CAPTURE_METHODS, data.captureMethod, 'payment_intent_data[capture_method]'), description, metadata };
}

/**
 * Every rule of a new session, in Stripe's order of complaint: mode, line items (currency, amounts,
 * quantity), total, urls, customer, the rest. `created` is now (unix seconds), for expires_at.
 */
export function planCheckoutSession(input: CheckoutSessionCreateParams, created: number): CheckoutSessionPlan {
  const mode = paymentMode(input.mode);
  const { lines, currency } = planLines(input.lineItems);
  const totals = checkoutSessionTotals(lines);
  assertChargeAmount({ amount: totals.amountTotal, currency }, 'line_items');
  if (input.successUrl === null || input.successUrl === undefined || input.successUrl === '') throw missing('success_url');
  const successUrl = checkUrl(input.successUrl, 'success_url');
  const cancelUrl = input.cancelUrl ? checkUrl(input.cancelUrl, 'cancel_url') : null;
  const clientReferenceId = input.clientReferenceId || null;
  if (clientReferenceId && clientReferenceId.length > MAX_CLIENT_REFERENCE_ID) {
    throw invalid('client_reference_id', `Invalid client_reference_id: must be at most ${MAX_CLIENT_REFERENCE_ID} characters`);
  }
  return {
    mode,
    lines,
    currency,
    ...totals,
    paymentStatus: initialPaymentStatus(mode, totals.amountTotal),
    ...planCustomer(input),
    successUrl,
    cancelUrl,
    clientReferenceId,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    paymentIntentData: planPaymentIntentData(input.paymentIntentData),
    expiresAt: checkoutSessionExpiresAt(created, input.expiresAt),
    submitType: oneOf(SUBMIT_TYPES, input.submitType, 'submit_type'),
  };
}

/** Stripe substitutes the literal `{CHECKOUT_SESSION_ID}` in success_url with the session's id. */
export function successUrlFor(successUrl: string, id: string): string {
  return successUrl.replaceAll('{CHECKOUT_SESSION_ID}', id);
}
