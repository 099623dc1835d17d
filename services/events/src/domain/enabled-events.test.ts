import { PaygateError } from '@paygate/chassis';
import { endpointReceives, validateEnabledEvents } from './enabled-events';

describe('enabled events', () => {
  it('takes * and known event types, once each', () => {
    expect(validateEnabledEvents(['*'])).toEqual(['*']);
    expect(validateEnabledEvents(['charge.succeeded', 'payment_intent.succeeded', 'charge.succeeded'])).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
  });

  it('refuses an unknown type with its index as the param, and an empty list', () => {
    const err = (() => {
      try {
        validateEnabledEvents(['charge.succeeded', 'charge.exploded']);
      } catch (e) {
        return e as PaygateError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(PaygateError);
    expect(err!.details.param).toBe('enabled_events[1]');
    expect(() => validateEnabledEvents([])).toThrow(/enabled_events/);
  });

  it('matches * and exact names only', () => {
    expect(endpointReceives(['*'], 'payout.paid')).toBe(true);
    expect(endpointReceives(['charge.succeeded'], 'charge.succeeded')).toBe(true);
    expect(endpointReceives(['charge.succeeded'], 'charge.failed')).toBe(false);
  });
});
