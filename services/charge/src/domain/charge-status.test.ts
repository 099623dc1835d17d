import { releaseDecision } from './charge-status';

describe('releasing an authorization for a refund', () => {
  it('releases a live hold and leaves a released one as it is (the refund service may ask twice)', () => {
    expect(releaseDecision('ch_1', 'authorized')).toBe('release');
    expect(releaseDecision('ch_1', 'released')).toBe('already_released');
  });

  it('refuses a captured charge (its money is refunded from the balance) and a declined one', () => {
    expect(() => releaseDecision('ch_1', 'captured')).toThrow(expect.objectContaining({ code: 'charge_already_captured', message: 'Charge ch_1 has already been captured.' }));
    expect(() => releaseDecision('ch_1', 'declined')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
