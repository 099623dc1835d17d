import {
  assertCancelable,
  assertMerchantReason,
  countsTowardRefunded,
  isTerminal,
  parseRefundFailureReason,
  parseRefundReason,
  parseRefundStatus,
  releasesReservation,
  REFUND_STATUSES,
} from './refund-status';

describe('refund statuses', () => {
  it("uses Stripe's wire values", () => {
    expect(REFUND_STATUSES).toEqual(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);
  });

  it.each([
    ['pending', false, true],
    ['requires_action', false, false],
    ['succeeded', true, true],
    ['failed', true, false],
    ['canceled', true, false],
  ] as const)('%s: terminal %s, counts toward amount_refunded %s', (status, terminal, counts) => {
    expect(isTerminal(status)).toBe(terminal);
    expect(countsTowardRefunded(status)).toBe(counts);
  });

  it('gives the amount back when a pending or succeeded refund fails, not when it succeeds', () => {
    expect(releasesReservation('pending', 'failed')).toBe(true);
    expect(releasesReservation('succeeded', 'failed')).toBe(true);
    expect(releasesReservation('pending', 'succeeded')).toBe(false);
    expect(releasesReservation('requires_action', 'canceled')).toBe(false);
  });

  it('cancels only a refund in requires_action', () => {
    expect(() => assertCancelable('re_1', 'requires_action')).not.toThrow();
    for (const status of ['pending', 'succeeded', 'failed', 'canceled'] as const) {
      expect(() => assertCancelable('re_1', status)).toThrow(expect.objectContaining({ code: 'invalid_request', message: expect.stringContaining(`status of ${status}`) }));
    }
  });

  it("refuses Stripe's own reason from a merchant", () => {
    expect(() => assertMerchantReason('requested_by_customer')).not.toThrow();
    expect(() => assertMerchantReason(null)).not.toThrow();
    expect(() => assertMerchantReason('expired_uncaptured_charge')).toThrow(expect.objectContaining({ details: { param: 'reason' } }));
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parseRefundStatus('requires_action')).toBe('requires_action');
    expect(parseRefundReason('requested_by_customer')).toBe('requested_by_customer');
    expect(parseRefundFailureReason('expired_or_canceled_card')).toBe('expired_or_canceled_card');
    expect(() => parseRefundStatus('refunded')).toThrow(/status 'refunded'/);
    expect(() => parseRefundReason('changed_mind')).toThrow(/reason/);
  });
});
