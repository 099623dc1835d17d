import {
  assertCancelable,
  canTransition,
  isTerminal,
  nextPayoutStatuses,
  parsePayoutMethod,
  parsePayoutReconciliationStatus,
  parsePayoutStatus,
  parsePayoutRowStatus,
  parsePayoutType,
  PAYOUT_STATUSES,
  VISIBLE_PAYOUT_STATUSES,
  wirePayoutStatus,
} from './payout-status';

describe('payout statuses', () => {
  it("uses Stripe's wire values", () => {
    expect(PAYOUT_STATUSES).toEqual(['pending', 'in_transit', 'paid', 'failed', 'canceled']);
  });

  it('moves pending → in_transit → paid | failed, and cancels only from pending', () => {
    expect(nextPayoutStatuses('pending')).toEqual(['in_transit', 'canceled']);
    expect(nextPayoutStatuses('in_transit')).toEqual(['paid', 'failed']);
    expect(canTransition('pending', 'paid')).toBe(false);
    expect(canTransition('in_transit', 'canceled')).toBe(false);
    expect(canTransition('paid', 'pending')).toBe(false);
  });

  it.each([
    ['pending', false],
    ['in_transit', false],
    ['paid', true],
    ['failed', true],
    ['canceled', true],
  ] as const)('%s is terminal: %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });

  it('allows cancel only while pending', () => {
    expect(() => assertCancelable('po_1', 'pending')).not.toThrow();
    for (const status of ['in_transit', 'paid', 'failed', 'canceled'] as const) {
      expect(() => assertCancelable('po_1', status)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    }
    expect(() => assertCancelable('po_1', 'paid')).toThrow(/po_1.*this one is paid/);
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parsePayoutStatus('in_transit')).toBe('in_transit');
    expect(parsePayoutMethod('instant')).toBe('instant');
    expect(parsePayoutType('card')).toBe('card');
    expect(parsePayoutReconciliationStatus('completed')).toBe('completed');
    expect(() => parsePayoutStatus('sent')).toThrow(/status 'sent'/);
    expect(() => parsePayoutMethod('express')).toThrow(/method/);
  });

  it('never shows a reservation in progress or a refused one', () => {
    expect(wirePayoutStatus('reserving')).toBeNull();
    expect(wirePayoutStatus('refused')).toBeNull();
    expect(wirePayoutStatus('in_transit')).toBe('in_transit');
    expect(VISIBLE_PAYOUT_STATUSES).toEqual(PAYOUT_STATUSES);
    expect(parsePayoutRowStatus('reserving')).toBe('reserving');
    expect(() => parsePayoutRowStatus('dead')).toThrow(/status 'dead'/);
  });
});
