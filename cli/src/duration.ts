import { usageError } from './errors';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `0`, `0s`, `90s`, `15m`, `1h`, `24h`, `7d`, `1h30m`, `250ms` → milliseconds. A bare number is
 * seconds. Anything else (negative, a fraction, an unknown unit) is a usage error.
 */
export function parseDuration(text: string): number {
  const raw = text.trim().toLowerCase();
  const withUnit = /^\d+$/.test(raw) ? `${raw}s` : raw;
  if (!/^(\d+(ms|s|m|h|d))+$/.test(withUnit)) throw usageError(`not a duration: '${text}' (use e.g. 0s, 30s, 15m, 1h, 24h, 7d or 1h30m)`);
  let total = 0;
  for (const [, amount, unit] of withUnit.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(amount) * UNIT_MS[unit!]!;
  if (!Number.isSafeInteger(total)) throw usageError(`duration too long: '${text}'`);
  return total;
}

/** Milliseconds as the largest units that add up exactly: 0s, 90000 → 1m30s, 24h → 1d. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit]!;
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
