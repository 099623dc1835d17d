/**
 * The one error catalog. Subgraphs throw PaygateError; its code travels in GraphQL
 * `extensions.code`; the REST edge turns code → Stripe error type + HTTP status with ERROR_CATALOG.
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export const ERROR_CATALOG = {
  // request shape
  parameter_missing: { type: 'invalid_request_error', status: 400 },
  parameter_unknown: { type: 'invalid_request_error', status: 400 },
  parameter_invalid_integer: { type: 'invalid_request_error', status: 400 },
  parameter_invalid_string: { type: 'invalid_request_error', status: 400 },
  parameter_invalid_empty: { type: 'invalid_request_error', status: 400 },
  parameters_exclusive: { type: 'invalid_request_error', status: 400 },
  invalid_request: { type: 'invalid_request_error', status: 400 },
  body_too_large: { type: 'invalid_request_error', status: 413 },
  search_query_invalid: { type: 'invalid_request_error', status: 400 },
  // money
  amount_too_small: { type: 'invalid_request_error', status: 400 },
  amount_too_large: { type: 'invalid_request_error', status: 400 },
  currency_invalid: { type: 'invalid_request_error', status: 400 },
  balance_insufficient: { type: 'invalid_request_error', status: 400 },
  // objects
  resource_missing: { type: 'invalid_request_error', status: 404 },
  url_not_found: { type: 'invalid_request_error', status: 404 },
  metadata_invalid: { type: 'invalid_request_error', status: 400 },
  token_already_used: { type: 'invalid_request_error', status: 400 },
  charge_already_captured: { type: 'invalid_request_error', status: 400 },
  charge_already_refunded: { type: 'invalid_request_error', status: 400 },
  charge_expired_for_capture: { type: 'invalid_request_error', status: 400 },
  payment_intent_unexpected_state: { type: 'invalid_request_error', status: 400 },
  payment_method_unexpected_state: { type: 'invalid_request_error', status: 400 },
  payment_intent_invalid_parameter: { type: 'invalid_request_error', status: 400 },
  payment_method_invalid_parameter: { type: 'invalid_request_error', status: 400 },
  client_secret_invalid: { type: 'invalid_request_error', status: 400 },
  // idempotency (https://docs.stripe.com/api/idempotent_requests)
  idempotency_key_in_use: { type: 'idempotency_error', status: 409 },
  idempotency_key_mismatch: { type: 'idempotency_error', status: 400 },
  // auth
  api_key_missing: { type: 'invalid_request_error', status: 401 },
  api_key_invalid: { type: 'invalid_request_error', status: 401 },
  permission_denied: { type: 'invalid_request_error', status: 403 },
  // cards
  card_declined: { type: 'card_error', status: 402 },
  expired_card: { type: 'card_error', status: 402 },
  incorrect_cvc: { type: 'card_error', status: 402 },
  processing_error: { type: 'card_error', status: 402 },
  incorrect_number: { type: 'card_error', status: 402 },
  invalid_number: { type: 'card_error', status: 402 },
  invalid_expiry_month: { type: 'card_error', status: 402 },
  invalid_expiry_year: { type: 'card_error', status: 402 },
  invalid_cvc: { type: 'card_error', status: 402 },
  payment_intent_authentication_failure: { type: 'invalid_request_error', status: 400 },
  // server
  rate_limit: { type: 'invalid_request_error', status: 429 },
  api_error: { type: 'api_error', status: 500 },
} as const satisfies Record<string, { type: StripeErrorType; status: number }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Codes that are ours, not Stripe's: they are sent to clients without a `code` field. */
const INTERNAL_ONLY: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_request', 'body_too_large', 'search_query_invalid', 'currency_invalid', 'metadata_invalid',
  'url_not_found', 'idempotency_key_mismatch', 'api_key_missing', 'api_key_invalid', 'permission_denied', 'api_error', 'parameters_exclusive',
]);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}

export interface PaygateErrorDetails {
  param?: string;
  declineCode?: string;
  charge?: string;
  /** The intent the error is about: the edge renders the whole object into `error.payment_intent`. */
  paymentIntent?: string;
  /** The payment method the error is about: rendered into `error.payment_method`. */
  paymentMethod?: string;
}

export class PaygateError extends Error {
  readonly code: ErrorCode;
  readonly details: PaygateErrorDetails;

  constructor(code: ErrorCode, message: string, details: PaygateErrorDetails = {}) {
    super(message);
    this.name = 'PaygateError';
    this.code = code;
    this.details = details;
  }

  /** What rides in GraphQL `extensions` (and nothing else: no stack, no cause). */
  toExtensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }
}

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    code?: string;
    decline_code?: string;
    message: string;
    param?: string;
    charge?: string;
    request_log_url?: string;
    doc_url?: string;
  };
}

/** Stripe's error JSON and HTTP status for a catalog code (the edge's single mapping). */
export function toStripeError(
  code: ErrorCode,
  message: string,
  details: PaygateErrorDetails = {},
): { status: number; body: StripeErrorBody } {
  const entry = ERROR_CATALOG[code];
  const error: StripeErrorBody['error'] = { type: entry.type, message };
  if (!INTERNAL_ONLY.has(code)) {
    error.code = code;
    error.doc_url = `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
  }
  if (details.declineCode) error.decline_code = details.declineCode;
  if (details.param) error.param = details.param;
  if (details.charge) error.charge = details.charge;
  return { status: entry.status, body: { error } };
}

/** Helpers for the errors every service raises the same way. */
export const fail = {
  missing(kind: string, id: string, param?: string): PaygateError {
    return new PaygateError('resource_missing', `No such ${kind}: '${id}'`, param ? { param } : { param: 'id' });
  },
  invalid(param: string, message: string): PaygateError {
    return new PaygateError('invalid_request', message, { param });
  },
};

/** A publishable key may create tokens and payment methods (and confirm with a client secret), nothing more: Stripe's 403. */
export function requireSecretCaller(ctx: { keyType: string }): void {
  // Another service (keyType service, e.g. the refund service reading a charge) may do what a secret key may.
  if (ctx.keyType === 'secret' || ctx.keyType === 'service') return;
  throw new PaygateError(
    'permission_denied',
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  );
}

/** Internal operations (a balance debit, an authorization release) are for other services only, never a merchant key. */
export function requireServiceCaller(ctx: { keyType: string }): void {
  if (ctx.keyType !== 'service') throw new PaygateError('permission_denied', 'This operation is internal to Paygate.');
}
