import { messageBytes, RELAY_BATCH_MAX_BYTES, takeWithinBytes } from './outbox-batch';

const message = (valueBytes: number) => ({ key: 'acct_1', value: 'x'.repeat(valueBytes), headers: { 'event-id': 'evt_1', 'event-type': 'charge.succeeded' } });

describe('relay batches bounded by bytes', () => {
  it('counts key, value, headers and an overhead per record', () => {
    const m = message(1_000);
    expect(messageBytes(m)).toBeGreaterThan(1_000 + 6 + 'event-id'.length + 'evt_1'.length);
    expect(messageBytes(m)).toBeLessThan(1_200);
  });

  it('takes rows while the total stays within the bound (512 KiB by default)', () => {
    const rows = Array.from({ length: 10 }, () => message(100 * 1024));
    const batch = takeWithinBytes(rows);
    expect(batch).toHaveLength(5);
    expect(batch.reduce((n, m) => n + messageBytes(m), 0)).toBeLessThanOrEqual(RELAY_BATCH_MAX_BYTES);
  });

  it('takes everything when it fits, and keeps the order', () => {
    const rows = [message(10), message(20), message(30)];
    expect(takeWithinBytes(rows)).toEqual(rows);
  });

  it('an oversized row goes alone (first), and stops a batch when it comes later', () => {
    const big = message(2 * 1024 * 1024);
    expect(takeWithinBytes([big, message(10)])).toEqual([big]);
    const small = message(10);
    expect(takeWithinBytes([small, big, message(10)])).toEqual([small]);
  });
});
