import { INVOICE_STATUSES, type InvoiceStatus } from './invoice-status';
import { canTransition, invoiceStatusAfter, statusTransitionField, type InvoiceAction } from './invoice-transitions';

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
    expect(canTransition(from, to)).toBe(true);
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
    for (const to of INVOICE_STATUSES) {
      expect(canTransition('paid', to)).toBe(false);
      expect(canTransition('void', to)).toBe(false);
      expect(canTransition(to, 'draft')).toBe(false);
    }
    expect(canTransition('draft', 'paid')).toBe(false);
  });

  it('stamps the matching status_transitions field', () => {
    const fields = Object.fromEntries(INVOICE_STATUSES.map((s: InvoiceStatus) => [s, statusTransitionField(s)]));
    expect(fields).toEqual({ draft: null, open: 'finalizedAt', paid: 'paidAt', void: 'voidedAt', uncollectible: 'markedUncollectibleAt' });
  });
});
