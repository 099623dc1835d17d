import { changedFields, newCustomerState, updatedCustomerState } from './customer';

describe('customer rules', () => {
  it('fills Stripe defaults on create and drops empty metadata values', () => {
    const state = newCustomerState({ email: 'jane@example.com', metadata: { a: '1', b: '' } });
    expect(state).toMatchObject({ email: 'jane@example.com', name: null, balance: 0, taxExempt: 'none', preferredLocales: [], metadata: { a: '1' } });
    expect(state.invoicePrefix).toMatch(/^[A-Z0-9]{8}$/);
  });

  it('updates only present fields, null unsets, metadata merges', () => {
    const before = newCustomerState({ email: 'a@b.co', name: 'A', metadata: { keep: '1', drop: '2' } });
    const after = updatedCustomerState(before, { email: null, metadata: { drop: '', add: '3' } });
    expect(after).toMatchObject({ email: null, name: 'A', metadata: { keep: '1', add: '3' } });
    expect(changedFields(before, after).sort()).toEqual(['email', 'metadata']);
  });

  it.each([
    [{ email: 'not-an-email' }, 'email'],
    [{ taxExempt: 'sometimes' }, 'tax_exempt'],
    [{ invoicePrefix: 'ab' }, 'invoice_prefix'],
    [{ description: 'x'.repeat(351) }, 'description'],
    [{ metadata: { ['k'.repeat(41)]: 'v' } }, `metadata[${'k'.repeat(41)}]`],
  ])('rejects %p with param %s', (input, param) => {
    expect(() => newCustomerState(input)).toThrow(expect.objectContaining({ details: { param } }));
  });
});
