import { formatInvoiceNumber, invoiceItemIdOfLine, lineItemId } from './invoice-number';

describe('invoice numbers and line ids', () => {
  it('pads the sequence to four digits and keeps longer ones', () => {
    expect(formatInvoiceNumber('ABCD1234', 1)).toBe('ABCD1234-0001');
    expect(formatInvoiceNumber('ABCD1234', 42)).toBe('ABCD1234-0042');
    expect(formatInvoiceNumber('ABCD1234', 12345)).toBe('ABCD1234-12345');
  });

  it('maps an invoice item to its line and back', () => {
    expect(lineItemId('ii_1A2b3C')).toBe('il_1A2b3C');
    expect(invoiceItemIdOfLine('il_1A2b3C')).toBe('ii_1A2b3C');
    expect(invoiceItemIdOfLine('ii_1A2b3C')).toBe('ii_1A2b3C');
  });
});
