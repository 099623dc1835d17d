import { EVENT_TOPIC } from '../../services/chassis/src/events';
import { usageError } from './errors';

/** Every event type Paygate emits (the chassis catalog): what --events and trigger are checked against. */
export const KNOWN_EVENT_TYPES: readonly string[] = Object.keys(EVENT_TOPIC).sort();

/**
 * `--events a,b,charge.*` → the patterns: exact types, `*` (everything) or a group ending in `*`
 * (`charge.*`, as GET /v1/events' type filter). An unknown exact type is a usage error (a typo would
 * otherwise make listen print nothing, silently); a group must match at least one known type.
 */
export function parseEventFilter(option: string | undefined, known: readonly string[] = KNOWN_EVENT_TYPES): string[] {
  if (option === undefined) return ['*'];
  const patterns = [...new Set(option.split(',').map((p) => p.trim()).filter(Boolean))];
  if (patterns.length === 0) throw usageError('--events: give at least one event type, e.g. --events payment_intent.succeeded,charge.refunded');
  for (const pattern of patterns) {
    if (pattern === '*') continue;
    const star = pattern.indexOf('*');
    if (star >= 0 && star !== pattern.length - 1) throw usageError(`--events: '${pattern}': a wildcard goes at the end only (charge.*)`);
    const matches = star >= 0 ? known.some((t) => t.startsWith(pattern.slice(0, -1))) : known.includes(pattern);
    if (!matches) throw usageError(`--events: unknown event type '${pattern}'`);
  }
  return patterns;
}

/** Whether an event of `type` passes the patterns. */
export function eventMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('*') && type.startsWith(p.slice(0, -1))));
}
