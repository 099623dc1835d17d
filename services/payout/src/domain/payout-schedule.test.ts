import { payoutArrivalDate } from './payout-arrival';
import { dueTransitions, nextTransition, STANDARD_SUBMIT_DELAY_SECONDS, type ScheduledPayout } from './payout-schedule';

const created = Date.parse('2024-03-04T15:30:00Z') / 1000; // a Monday
const standard: ScheduledPayout = { status: 'pending', created, arrivalDate: payoutArrivalDate(created, 'standard'), method: 'standard', testFailureCode: null };

describe('the payout schedule (test mode)', () => {
  it('sends a standard payout to the bank an hour after it is made', () => {
    expect(nextTransition(standard, created + STANDARD_SUBMIT_DELAY_SECONDS - 1)).toBeNull();
    expect(nextTransition(standard, created + STANDARD_SUBMIT_DELAY_SECONDS)).toEqual({ to: 'in_transit' });
  });

  it('lands it at its arrival date', () => {
    const inTransit = { ...standard, status: 'in_transit' as const };
    expect(nextTransition(inTransit, standard.arrivalDate - 1)).toBeNull();
    expect(nextTransition(inTransit, standard.arrivalDate)).toEqual({ to: 'paid' });
  });

  it('fails it at its arrival date when the bank account is a failing test account', () => {
    expect(dueTransitions({ ...standard, testFailureCode: 'no_account' }, standard.arrivalDate)).toEqual([{ to: 'in_transit' }, { to: 'failed', failureCode: 'no_account' }]);
  });

  it('takes every step due at once', () => {
    expect(dueTransitions(standard, standard.arrivalDate + 86_400)).toEqual([{ to: 'in_transit' }, { to: 'paid' }]);
    expect(dueTransitions(standard, created)).toEqual([]);
  });

  it('moves an instant payout at once', () => {
    const instant: ScheduledPayout = { ...standard, method: 'instant', arrivalDate: payoutArrivalDate(created, 'instant') };
    expect(dueTransitions(instant, created)).toEqual([{ to: 'in_transit' }, { to: 'paid' }]);
  });

  it.each(['reserving', 'refused', 'paid', 'failed', 'canceled'] as const)('leaves a %s payout alone', (status) => {
    expect(nextTransition({ ...standard, status }, standard.arrivalDate + 1_000_000)).toBeNull();
  });
});
