import { PaygateError } from '@paygate/chassis';
import { cardFormErrorOf, parseCardForm, renderCardFields } from './card-form';

const now = new Date('2026-12-02T10:00:00Z');
const posted = (fields: Record<string, string> = {}) => ({
  email: 'jane@example.com',
  cardholder_name: 'Jane Doe',
  card_number: '4242 4242 4242 4242',
  card_expiry: '12 / 34',
  card_cvc: '123',
  ...fields,
});

describe('the shared card form', () => {
  it('renders labelled inputs with the standard autocomplete tokens, never echoing card data', () => {
    const html = renderCardFields({ values: { email: 'jane@example.com', name: 'Jane <b>' } });
    for (const [id, token] of [['email', 'email'], ['cardholder_name', 'cc-name'], ['card_number', 'cc-number'], ['card_expiry', 'cc-exp'], ['card_cvc', 'cc-csc']]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*autocomplete="${token}"`));
    }
    expect(html).toContain('value="jane@example.com"');
    expect(html).toContain('Jane &#60;b&#62;');
    expect(renderCardFields({ email: false })).not.toContain('autocomplete="email"');
  });

  it('marks the field an error is about', () => {
    const html = renderCardFields({ error: { field: 'number', message: 'Your card number is incomplete.' } });
    expect(html).toMatch(/id="card_number"[^>]*aria-invalid="true"/);
    expect(html).toContain('role="alert">Your card number is incomplete.</p>');
  });

  it('parses a complete card', () => {
    expect(parseCardForm(posted(), { now })).toEqual({
      ok: true,
      card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123', name: 'Jane Doe', email: 'jane@example.com' },
    });
    expect(parseCardForm(posted({ card_expiry: '01/2027' }), { now })).toMatchObject({ ok: true, card: { expMonth: 1, expYear: 2027 } });
  });

  it.each([
    [{ email: '' }, 'email', 'Your email address is incomplete.'],
    [{ email: 'jane' }, 'email', 'Your email address is invalid.'],
    [{ cardholder_name: ' ' }, 'name', 'Your name on the card is incomplete.'],
    [{ card_number: '' }, 'number', 'Your card number is incomplete.'],
    [{ card_number: '4242' }, 'number', 'Your card number is incomplete.'],
    [{ card_number: '4242abcd42424242' }, 'number', 'Your card number is invalid.'],
    [{ card_expiry: '12' }, 'expiry', "Your card's expiration date is incomplete."],
    [{ card_expiry: '13 / 30' }, 'expiry', "Your card's expiration month is invalid."],
    [{ card_expiry: '11 / 26' }, 'expiry', "Your card's expiration date is in the past."],
    [{ card_cvc: '1' }, 'cvc', "Your card's security code is incomplete."],
    [{ card_cvc: '12a' }, 'cvc', "Your card's security code is invalid."],
  ] as [Record<string, string>, string, string][])('refuses %p on %s without echoing the card', (fields, field, message) => {
    const result = parseCardForm(posted(fields), { now });
    expect(result).toEqual({ ok: false, error: { field, message }, values: { email: fields.email ?? 'jane@example.com', name: (fields.cardholder_name ?? 'Jane Doe').trim() } });
  });

  it('points vault and network errors at their field, and ignores other errors', () => {
    expect(cardFormErrorOf(new PaygateError('incorrect_number', 'Your card number is incorrect.', { param: 'number' }))).toEqual({ field: 'number', message: 'Your card number is incorrect.' });
    expect(cardFormErrorOf(new PaygateError('card_declined', 'Your card was declined.', { declineCode: 'generic_decline' }))).toEqual({ field: null, message: 'Your card was declined.' });
    expect(cardFormErrorOf(new PaygateError('invalid_request', 'no'))).toBeNull();
    expect(cardFormErrorOf(new Error('down'))).toBeNull();
  });
});
