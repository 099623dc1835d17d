import {
  countsTowardRefunded,
  isTerminal,
  parseRefundReason,
  parseRefundStatus,
  REFUND_STATUSES,
  REFUNDED_STATUSES,
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

  it('sums only succeeded and pending refunds', () => {
    expect([...REFUNDED_STATUSES].sort()).toEqual(['pending', 'succeeded']);
  });

  it('parses stored values and refuses unknown ones', () => {
    expect(parseRefundStatus('requires_action')).toBe('requires_action');
    expect(parseRefundReason('requested_by_customer')).toBe('requested_by_customer');
    expect(() => parseRefundStatus('refunded')).toThrow(/status 'refunded'/);
    expect(() => parseRefundReason('changed_mind')).toThrow(/reason/);
  });
});
