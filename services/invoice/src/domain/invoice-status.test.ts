import { INVOICE_STATUSES, isPaid, isTerminal, parseInvoiceCollectionMethod, parseInvoiceStatus } from './invoice-status';

describe('invoice statuses', () => {
  it("uses Stripe's wire values", () => {
    expect(INVOICE_STATUSES).toEqual(['draft', 'open', 'paid', 'uncollectible', 'void']);
  });

  it.each([
    ['draft', false, false],
    ['open', false, false],
    ['uncollectible', false, false],
    ['paid', true, true],
    ['void', true, false],
  ] as const)('%s: terminal %s, paid %s', (status, terminal, paid) => {
    expect(isTerminal(status)).toBe(terminal);
    expect(isPaid(status)).toBe(paid);
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parseInvoiceStatus('uncollectible')).toBe('uncollectible');
    expect(parseInvoiceCollectionMethod('send_invoice')).toBe('send_invoice');
    expect(() => parseInvoiceStatus('voided')).toThrow(/status 'voided'/);
    expect(() => parseInvoiceCollectionMethod('manual')).toThrow(/collection_method/);
  });
});
