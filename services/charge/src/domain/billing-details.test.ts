import { applyBillingDetails, EMPTY_BILLING_DETAILS } from './billing-details';

describe('applyBillingDetails', () => {
  it('fills the named fields, keeps every key, and merges the address', () => {
    const created = applyBillingDetails(EMPTY_BILLING_DETAILS, { name: 'Jenny Rosen', address: { postalCode: '94107' } });
    expect(created).toEqual({ name: 'Jenny Rosen', email: null, phone: null, address: { city: null, country: null, line1: null, line2: null, postalCode: '94107', state: null } });
    const updated = applyBillingDetails(created, { email: 'jenny@example.com', address: { city: 'San Francisco' } });
    expect(updated.address).toMatchObject({ postalCode: '94107', city: 'San Francisco' });
    expect(updated.name).toBe('Jenny Rosen');
  });

  it("unsets a field sent as '' and the whole address sent as null", () => {
    const current = applyBillingDetails(EMPTY_BILLING_DETAILS, { name: 'Jenny', address: { line1: '1 Main St' } });
    expect(applyBillingDetails(current, { name: '' }).name).toBeNull();
    expect(applyBillingDetails(current, { address: null }).address.line1).toBeNull();
    expect(applyBillingDetails(current, undefined)).toBe(current);
  });
});
