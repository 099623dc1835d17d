import { camelToSnake, snakeToCamel, toGraphQLInput, toStripeShape } from './wire';

describe('wire case mapping', () => {
  it('renames keys both ways', () => {
    expect(snakeToCamel('invoice_prefix')).toBe('invoicePrefix');
    expect(snakeToCamel('line1')).toBe('line1');
    expect(camelToSnake('nextInvoiceSequence')).toBe('next_invoice_sequence');
    expect(camelToSnake('postalCode')).toBe('postal_code');
  });

  it('converts nested objects and arrays but never metadata keys', () => {
    const input = toGraphQLInput({ address: { postal_code: '1' }, metadata: { order_id: 'x', camelKey: 'y' }, preferred_locales: ['en'] });
    expect(input).toEqual({ address: { postalCode: '1' }, metadata: { order_id: 'x', camelKey: 'y' }, preferredLocales: ['en'] });
    expect(toStripeShape({ invoiceSettings: { customFields: [{ fieldName: 'a' }] }, metadata: { myKey: 'v' } })).toEqual({
      invoice_settings: { custom_fields: [{ field_name: 'a' }] },
      metadata: { myKey: 'v' },
    });
  });

  it('round-trips Stripe keys', () => {
    const stripe = { invoice_settings: { default_payment_method: null }, tax_exempt: 'none' };
    expect(toStripeShape(toGraphQLInput(stripe))).toEqual(stripe);
  });
});
