import fs from 'node:fs';
import path from 'node:path';

/**
 * Stripe's object schemas (properties and required keys per object), copied into the repository
 * from Stripe's OpenAPI spec so a fresh clone can run the shape checks. They live beside the edge's
 * object renderers (rest-edge/src/objects/stripe-schemas.json), whose OpenAPI document describes
 * its responses with them too.
 */
const schemas = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'rest-edge', 'src', 'objects', 'stripe-schemas.json'), 'utf8')) as Record<string, { properties: Record<string, unknown>; required?: string[] }>;

/** A payment_method carries the sub-object of its own type only (card), not one per other type. */
const PAYMENT_METHOD_TYPES = new Set(['acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'blik', 'boleto', 'card_present', 'cashapp', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal', 'interac_present', 'klarna', 'konbini', 'link', 'oxxo', 'p24', 'paynow', 'paypal', 'pix', 'promptpay', 'sepa_debit', 'sofort', 'us_bank_account', 'wechat_pay', 'zip']);

export function stripeSchema(name: string) {
  const schema = schemas[name];
  if (!schema) throw new Error(`no Stripe schema for ${name}`);
  return schema;
}

/** The properties Stripe's schema gives `name` that `object` must carry. */
export function expectedProperties(name: string): string[] {
  const keys = Object.keys(stripeSchema(name).properties);
  if (name === 'payment_method') return keys.filter((k) => !PAYMENT_METHOD_TYPES.has(k));
  // A card token carries `card`; `bank_account` exists only on bank account tokens.
  if (name === 'token') return keys.filter((k) => k !== 'bank_account');
  return keys;
}

export function expectStripeShape(object: object, name: string): void {
  expect(Object.keys(object)).toEqual(expect.arrayContaining(expectedProperties(name)));
  for (const key of stripeSchema(name).required ?? []) expect(object).toHaveProperty(key);
}
