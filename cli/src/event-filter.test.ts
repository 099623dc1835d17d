import { eventMatches, KNOWN_EVENT_TYPES, parseEventFilter } from './event-filter';

describe('--events filter', () => {
  it('defaults to every event', () => {
    expect(parseEventFilter(undefined)).toEqual(['*']);
    expect(eventMatches(['*'], 'payout.paid')).toBe(true);
  });

  it('takes a comma-separated list of exact types, trimmed and deduplicated', () => {
    const patterns = parseEventFilter(' payment_intent.succeeded, charge.refunded ,charge.refunded');
    expect(patterns).toEqual(['payment_intent.succeeded', 'charge.refunded']);
    expect(eventMatches(patterns, 'charge.refunded')).toBe(true);
    expect(eventMatches(patterns, 'payment_intent.succeeded')).toBe(true);
    expect(eventMatches(patterns, 'charge.succeeded')).toBe(false);
    expect(eventMatches(patterns, 'payment_intent.succeeded.extra')).toBe(false);
  });

  it('takes * and groups ending in *', () => {
    const patterns = parseEventFilter('charge.*,invoice.paid');
    expect(eventMatches(patterns, 'charge.succeeded')).toBe(true);
    expect(eventMatches(patterns, 'charge.refund.updated')).toBe(true);
    expect(eventMatches(patterns, 'invoice.paid')).toBe(true);
    expect(eventMatches(patterns, 'invoice.created')).toBe(false);
    expect(eventMatches(patterns, 'customer.created')).toBe(false);
    expect(eventMatches(parseEventFilter('*'), 'customer.created')).toBe(true);
  });

  it('refuses unknown types, misplaced wildcards and an empty list (a typo would print nothing, silently)', () => {
    for (const bad of ['payment_intent.succeded', 'charge.*.x', '*.succeeded', 'nothing.*', ',', '']) {
      expect(() => parseEventFilter(bad)).toThrow(/--events/);
    }
  });

  it('knows the catalog, including the types trigger makes', () => {
    for (const type of ['payment_intent.succeeded', 'charge.refunded', 'checkout.session.completed', 'invoice.paid', 'payout.paid']) {
      expect(KNOWN_EVENT_TYPES).toContain(type);
    }
  });
});
