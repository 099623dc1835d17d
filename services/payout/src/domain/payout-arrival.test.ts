import { payoutArrivalDate, startOfUtcDay } from './payout-arrival';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('payout arrival_date', () => {
  it('arrives two business days later, at midnight UTC', () => {
    expect(payoutArrivalDate(at('2024-03-04T15:30:00Z'), 'standard')).toBe(at('2024-03-06T00:00:00Z')); // Mon → Wed
    expect(payoutArrivalDate(at('2024-03-06T00:00:00Z'), 'standard')).toBe(at('2024-03-08T00:00:00Z')); // Wed → Fri
  });

  it('skips the weekend', () => {
    expect(payoutArrivalDate(at('2024-03-07T23:59:59Z'), 'standard')).toBe(at('2024-03-11T00:00:00Z')); // Thu → Mon
    expect(payoutArrivalDate(at('2024-03-08T09:00:00Z'), 'standard')).toBe(at('2024-03-12T00:00:00Z')); // Fri → Tue
    expect(payoutArrivalDate(at('2024-03-09T12:00:00Z'), 'standard')).toBe(at('2024-03-12T00:00:00Z')); // Sat → Tue
    expect(payoutArrivalDate(at('2024-03-10T12:00:00Z'), 'standard')).toBe(at('2024-03-12T00:00:00Z')); // Sun → Tue
  });

  it('arrives at once when instant', () => {
    const created = at('2024-03-08T09:00:00Z');
    expect(payoutArrivalDate(created, 'instant')).toBe(created);
  });

  it('finds midnight UTC', () => {
    expect(startOfUtcDay(at('2024-03-04T15:30:00Z'))).toBe(at('2024-03-04T00:00:00Z'));
    expect(startOfUtcDay(at('2024-03-04T00:00:00Z'))).toBe(at('2024-03-04T00:00:00Z'));
  });
});
