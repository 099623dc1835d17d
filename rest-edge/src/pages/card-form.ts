import { PaygateError, type GraphCaller, type GraphClient } from '@paygate/chassis';
import { escapeHtml } from './page-layout';

/**
 * The card-entry part every hosted payment page shares (checkout, invoice): labelled inputs with the
 * standard autocomplete tokens, the parsing of what was posted, and the one way the card reaches the
 * charge service's vault. The card number and CVC are never echoed back into a page, a log or an error.
 */

/** Posted field names (also the inputs' ids). */
export const CARD_FORM_FIELDS = {
  email: 'email',
  name: 'cardholder_name',
  number: 'card_number',
  expiry: 'card_expiry',
  cvc: 'card_cvc',
} as const;

export type CardFormField = keyof typeof CARD_FORM_FIELDS;

/** What may be shown again after a failed attempt: never the card number, expiry or CVC. */
export interface CardFormValues {
  email?: string | null;
  name?: string | null;
}

/** A problem to show: on one field (aria-invalid), or about the payment as a whole (field null, e.g. a decline). */
export interface CardFormError {
  field: CardFormField | null;
  message: string;
}

export interface CardFieldsOptions {
  /** Ask for the buyer's email (default true); false for a page that already knows who pays. */
  email?: boolean;
  /** Prefilled values: the session's customer_email, or what the buyer typed before an error. */
  values?: CardFormValues;
  error?: CardFormError | null;
}

/** A card as the buyer typed it, checked for shape; the vault checks the rest (Luhn, brand, CVC length). */
export interface PostedCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name: string;
  email: string | null;
}

export type CardFormResult = { ok: true; card: PostedCard } | { ok: false; error: CardFormError; values: CardFormValues };

interface FieldSpec {
  field: CardFormField;
  label: string;
  autocomplete: string;
  type: string;
  inputmode?: string;
  placeholder?: string;
  maxlength?: number;
}

const FIELDS: Record<CardFormField, FieldSpec> = {
  email: { field: 'email', label: 'Email', autocomplete: 'email', type: 'email', maxlength: 512 },
  name: { field: 'name', label: 'Name on card', autocomplete: 'cc-name', type: 'text', maxlength: 200 },
  number: { field: 'number', label: 'Card number', autocomplete: 'cc-number', type: 'text', inputmode: 'numeric', placeholder: '1234 1234 1234 1234', maxlength: 23 },
  expiry: { field: 'expiry', label: 'Expiration (MM / YY)', autocomplete: 'cc-exp', type: 'text', inputmode: 'numeric', placeholder: 'MM / YY', maxlength: 9 },
  cvc: { field: 'cvc', label: 'CVC', autocomplete: 'cc-csc', type: 'text', inputmode: 'numeric', placeholder: 'CVC', maxlength: 4 },
};

const ERROR_ID = 'card-errors';

function input(spec: FieldSpec, value: string | null | undefined, error: CardFormError | null | undefined): string {
  const name = CARD_FORM_FIELDS[spec.field];
  const invalid = error?.field === spec.field;
  const attributes = [
    `id="${name}"`,
    `name="${name}"`,
    `type="${spec.type}"`,
    `autocomplete="${spec.autocomplete}"`,
    'required',
    spec.inputmode ? `inputmode="${spec.inputmode}"` : '',
    spec.placeholder ? `placeholder="${escapeHtml(spec.placeholder)}"` : '',
    spec.maxlength ? `maxlength="${spec.maxlength}"` : '',
    value ? `value="${escapeHtml(value)}"` : '',
    invalid ? `aria-invalid="true" aria-describedby="${ERROR_ID}"` : '',
  ].filter(Boolean);
  return `<label for="${name}">${escapeHtml(spec.label)}</label><input ${attributes.join(' ')}>`;
}

/** The fields as HTML, to be placed inside the page's own <form method="post">. */
export function renderCardFields(options: CardFieldsOptions = {}): string {
  const { values = {}, error = null } = options;
  const message = error ? `<p id="${ERROR_ID}" class="error" role="alert">${escapeHtml(error.message)}</p>` : `<p id="${ERROR_ID}" class="error" role="alert" hidden></p>`;
  return `${options.email === false ? '' : input(FIELDS.email, values.email, error)}
<fieldset style="border:0;padding:0;margin:1rem 0 0"><legend style="padding:0;font-weight:600">Card information</legend>
${input(FIELDS.name, values.name, error)}
${input(FIELDS.number, null, error)}
<div class="field-row"><div>${input(FIELDS.expiry, null, error)}</div><div>${input(FIELDS.cvc, null, error)}</div></div>
</fieldset>
${message}`;
}

const text = (body: Record<string, unknown>, field: CardFormField): string => {
  const value = body[CARD_FORM_FIELDS[field]];
  return typeof value === 'string' ? value.trim() : '';
};

/** MM / YY, MM/YYYY, MMYY; a two-digit year is 20YY. */
function parseExpiry(raw: string, now: Date): { expMonth: number; expYear: number } | CardFormError {
  const digits = raw.replace(/[\s/-]/g, '');
  if (!/^\d+$/.test(digits) || (digits.length !== 4 && digits.length !== 6)) {
    return { field: 'expiry', message: digits.length === 0 || digits.length < 4 ? "Your card's expiration date is incomplete." : "Your card's expiration date is invalid." };
  }
  const expMonth = Number(digits.slice(0, 2));
  const year = Number(digits.slice(2));
  const expYear = digits.length === 4 ? 2000 + year : year;
  if (expMonth < 1 || expMonth > 12) return { field: 'expiry', message: "Your card's expiration month is invalid." };
  const thisYear = now.getUTCFullYear();
  if (expYear < thisYear || (expYear === thisYear && expMonth < now.getUTCMonth() + 1)) return { field: 'expiry', message: "Your card's expiration date is in the past." };
  if (expYear > thisYear + 50) return { field: 'expiry', message: "Your card's expiration year is invalid." };
  return { expMonth, expYear };
}

/**
 * The posted card fields, checked for completeness with the messages Stripe's payment form shows.
 * `email: true` (default) requires a plausible email address.
 */
export function parseCardForm(body: Record<string, unknown>, options: { email?: boolean; now?: Date } = {}): CardFormResult {
  const askEmail = options.email !== false;
  const email = askEmail ? text(body, 'email') : '';
  const name = text(body, 'name');
  const values: CardFormValues = { email: askEmail ? email : null, name };
  const fail = (error: CardFormError): CardFormResult => ({ ok: false, error, values });
  if (askEmail && email === '') return fail({ field: 'email', message: 'Your email address is incomplete.' });
  if (askEmail && (email.length > 512 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) return fail({ field: 'email', message: 'Your email address is invalid.' });
  if (name === '') return fail({ field: 'name', message: 'Your name on the card is incomplete.' });
  const number = text(body, 'number').replace(/[\s-]/g, '');
  if (number === '') return fail({ field: 'number', message: 'Your card number is incomplete.' });
  if (!/^\d+$/.test(number) || number.length > 19) return fail({ field: 'number', message: 'Your card number is invalid.' });
  if (number.length < 12) return fail({ field: 'number', message: 'Your card number is incomplete.' });
  const expiry = parseExpiry(text(body, 'expiry'), options.now ?? new Date());
  if ('message' in expiry) return fail(expiry);
  const cvc = text(body, 'cvc');
  if (!/^\d*$/.test(cvc) || cvc.length > 4) return fail({ field: 'cvc', message: "Your card's security code is invalid." });
  if (cvc.length < 3) return fail({ field: 'cvc', message: "Your card's security code is incomplete." });
  return { ok: true, card: { number, ...expiry, cvc, name, email: askEmail ? email : null } };
}

/** Which field a vault (or card network) error is about, so the page can point at it. */
const PARAM_FIELD: Record<string, CardFormField> = { number: 'number', exp_month: 'expiry', exp_year: 'expiry', cvc: 'cvc' };

/** A card error from the vault or the network as a form error (its message is Stripe's, never the number); null for anything else. */
export function cardFormErrorOf(err: unknown): CardFormError | null {
  if (!(err instanceof PaygateError)) return null;
  const cardError = ['card_declined', 'expired_card', 'incorrect_cvc', 'processing_error', 'incorrect_number', 'invalid_number', 'invalid_expiry_month', 'invalid_expiry_year', 'invalid_cvc', 'payment_intent_authentication_failure'];
  if (!cardError.includes(err.code)) return null;
  return { field: (err.details.param ? PARAM_FIELD[err.details.param] : undefined) ?? null, message: err.message };
}

const CREATE_PAYMENT_METHOD = 'mutation($input: PaymentMethodCreateInput!) { createPaymentMethod(input: $input) { id } }';

/**
 * Puts the card into the charge service's vault (the mutation POST /v1/payment_methods uses) as the
 * page's caller (the merchant's account, publishable): returns the pm_ id. Card errors are thrown as
 * the vault raised them (see cardFormErrorOf).
 */
export async function vaultCard(graph: GraphClient, caller: GraphCaller, card: PostedCard): Promise<string> {
  const input = {
    type: 'card',
    card: { number: card.number, expMonth: card.expMonth, expYear: card.expYear, cvc: card.cvc },
    billingDetails: { name: card.name, email: card.email },
  };
  const data = await graph.execute<{ createPaymentMethod: { id: string } }>(CREATE_PAYMENT_METHOD, { input }, caller);
  return data.createPaymentMethod.id;
}
