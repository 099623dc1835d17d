import type { PaygateError } from '@paygate/chassis';
import { z } from 'zod';
import { form, formatParam, parseParams } from './params';

const schema = z.strictObject({
  amount: form.integer(),
  currency: form.string(),
  capture: form.boolean().optional(),
  email: form.nullableString().optional(),
  metadata: form.metadata().optional(),
  expand: form.expand().optional(),
  address: z.strictObject({ line1: form.string().optional() }).optional(),
});

const expectError = (raw: unknown, code: string, param: string, message?: RegExp) => {
  try {
    parseParams(schema, raw);
  } catch (e) {
    expect(e).toMatchObject({ code, details: { param } });
    if (message) expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a validation error');
};

describe('form params', () => {
  it('coerces form strings', () => {
    expect(parseParams(schema, { amount: '2000', currency: 'usd', capture: 'false', email: '', metadata: { a: 'b' }, expand: 'x' })).toEqual({
      amount: 2000,
      currency: 'usd',
      capture: false,
      email: null,
      metadata: { a: 'b' },
      expand: ['x'],
    });
    expect(parseParams(schema, { amount: '1', currency: 'usd', metadata: '' }).metadata).toBeNull();
  });

  it('maps each failure to Stripe’s code and param', () => {
    expectError({ currency: 'usd' }, 'parameter_missing', 'amount', /^Missing required param: amount\.$/);
    expectError({ amount: 'abc', currency: 'usd' }, 'parameter_invalid_integer', 'amount', /^Invalid integer: abc$/);
    expectError({ amount: '1.5', currency: 'usd' }, 'parameter_invalid_integer', 'amount');
    expectError({ amount: ['1'], currency: 'usd' }, 'parameter_invalid_integer', 'amount');
    expectError({ amount: '1', currency: 'usd', colour: 'red' }, 'parameter_unknown', 'colour', /^Received unknown parameter: colour$/);
    expectError({ amount: '1', currency: 'usd', address: { line9: 'x' } }, 'parameter_unknown', 'address[line9]');
    expectError({ amount: '1', currency: 'usd', metadata: 'oops' }, 'invalid_request', 'metadata', /Invalid object/);
    expectError({ amount: '1', currency: { a: '1' } }, 'parameter_invalid_string', 'currency');
    expectError({ amount: '1', currency: 'usd', capture: 'maybe' }, 'invalid_request', 'capture', /Invalid boolean/);
  });

  it('formats bracket paths', () => {
    expect(formatParam(['items', 0, 'price'])).toBe('items[0][price]');
  });
});

describe('integers, amounts and card numbers', () => {
  const schema = z.strictObject({ amount: form.amount().optional(), limit: form.integer().optional(), card: z.strictObject({ number: form.cardNumber() }).optional() });
  const error = (raw: unknown) => {
    try {
      parseParams(schema, raw);
    } catch (err) {
      return err as PaygateError;
    }
    throw new Error('expected a validation error');
  };

  it('an amount above 99,999,999 is amount_too_large, not an overflow', () => {
    expect(error({ amount: '99999999999' })).toMatchObject({ code: 'amount_too_large', details: { param: 'amount' } });
    expect(parseParams(schema, { amount: '99999999' })).toEqual({ amount: 99_999_999 });
  });

  it('an integer beyond GraphQL’s 32-bit Int is refused before it reaches the graph', () => {
    expect(error({ limit: '2147483648' })).toMatchObject({ code: 'parameter_invalid_integer', details: { param: 'limit' } });
    expect(parseParams(schema, { limit: '2147483647' })).toEqual({ limit: 2_147_483_647 });
  });

  it('a card number of the wrong type is refused without echoing it', () => {
    const err = error({ card: { number: ['4242424242424242'] } });
    expect(err).toMatchObject({ code: 'parameter_invalid_string', details: { param: 'card[number]' } });
    expect(err.message).not.toContain('4242');
    expect(error({ card: {} })).toMatchObject({ code: 'parameter_missing', details: { param: 'card[number]' } });
  });
});
