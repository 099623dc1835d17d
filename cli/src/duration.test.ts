import { CliError } from './errors';
import { formatDuration, parseDuration } from './duration';

describe('durations (--grace, --for)', () => {
  it('reads s, m, h, d, ms, combinations, and a bare number as seconds', () => {
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(' 2H ')).toBe(7_200_000);
  });

  it('refuses anything else as a usage error (exit 2)', () => {
    for (const bad of ['', 'h', '-1h', '1.5h', '1w', '1 h', 'soon', '1h-', '9'.repeat(30)]) {
      const err = (() => {
        try {
          parseDuration(bad);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect([bad, err]).toEqual([bad, expect.any(CliError)]);
      expect((err as CliError).exitCode).toBe(2);
    }
  });

  it('prints back in the largest exact units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(5_000)).toBe('5s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(3_600_250)).toBe('1h250ms');
  });
});
