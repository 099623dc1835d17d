/**
 * The chassis pages newest first (starting_after = lower seq). Line items list in the order they
 * were given, oldest first, so their reads mirror the bound and the order: starting_after then means
 * a higher seq, and the chassis' final flip of ending_before pages still yields ascending order.
 */
export function oldestFirst(
  seq: { lt: bigint } | { gt: bigint } | undefined,
  direction: 'asc' | 'desc',
): { seq: { lt: bigint } | { gt: bigint } | undefined; direction: 'asc' | 'desc' } {
  const mirrored = seq === undefined ? undefined : 'lt' in seq ? { gt: seq.lt } : { lt: seq.gt };
  return { seq: mirrored, direction: direction === 'desc' ? 'asc' : 'desc' };
}
