import { INVOICE_TRANSITIONS, invoiceStatusAfter, type InvoiceAction } from './invoice-transitions';

describe('invoice transitions', () => {
  it.each([
    ['draft', 'finalize', 'open'],
    ['open', 'pay', 'paid'],
    ['open', 'void', 'void'],
    ['open', 'mark_uncollectible', 'uncollectible'],
    ['uncollectible', 'pay', 'paid'],
    ['uncollectible', 'void', 'void'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(invoiceStatusAfter(from, action)).toBe(to);
  });

  it.each([
    ['draft', 'pay'],
    ['draft', 'void'],
    ['draft', 'mark_uncollectible'],
    ['open', 'finalize'],
    ['paid', 'pay'],
    ['paid', 'void'],
    ['void', 'pay'],
    ['uncollectible', 'mark_uncollectible'],
  ] as const)('refuses %s --%s--> with invalid_request', (from, action) => {
    expect(() => invoiceStatusAfter(from, action as InvoiceAction)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('says an invoice is already paid', () => {
    expect(() => invoiceStatusAfter('paid', 'pay')).toThrow('Invoice is already paid.');
  });

  it('lets nothing leave paid or void, and nothing return to draft', () => {
    for (const action of Object.keys(INVOICE_TRANSITIONS) as InvoiceAction[]) {
      expect(() => invoiceStatusAfter('paid', action)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
      expect(() => invoiceStatusAfter('void', action)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
      expect(INVOICE_TRANSITIONS[action].to).not.toBe('draft');
    }
  });
});
