import { INVOICE_STATUSES, isPaid, parseInvoiceCollectionMethod, parseInvoiceStatus } from './invoice-status';

describe('invoice statuses', () => {
  it("uses Stripe's wire values", () => {
    expect(INVOICE_STATUSES).toEqual(['draft', 'open', 'paid', 'uncollectible', 'void']);
  });

  it('only paid is paid', () => {
    expect(INVOICE_STATUSES.filter(isPaid)).toEqual(['paid']);
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parseInvoiceStatus('uncollectible')).toBe('uncollectible');
    expect(parseInvoiceCollectionMethod('send_invoice')).toBe('send_invoice');
    expect(() => parseInvoiceStatus('voided')).toThrow(/status 'voided'/);
    expect(() => parseInvoiceCollectionMethod('manual')).toThrow(/collection_method/);
  });
});
