import type { IHeaders } from 'kafkajs';

/**
 * What paygate.parked.v1 holds, one header vocabulary for the consumer that parks a poison message,
 * the relay that parks an event the broker refused, and `pnpm events:parked|replay` that read them.
 *
 * - kind `message`: a consumer's poison message; the value is the original bytes, replayable to
 *   `parked-from` (topic/partition/offset).
 * - kind `stub`: an outbox row the broker refused (too large); the value is a small JSON summary,
 *   not the event, so it cannot be replayed: the row is still in the producer's outbox_events.
 * - kind `replay`: appended by events:replay after it re-delivered the record at `parked-replay-of`
 *   (partition/offset in the parked topic). The parked topic is the log of what happened to it.
 */
export const PARKED_HEADERS = {
  kind: 'parked-kind',
  reason: 'parked-reason',
  from: 'parked-from',
  by: 'parked-by',
  at: 'parked-at',
  replayOf: 'parked-replay-of',
  eventId: 'event-id',
  eventType: 'event-type',
} as const;

export type ParkedKind = 'message' | 'stub' | 'replay';

/** A parked record's reason is cut to this many characters (a header, not a log). */
const REASON_MAX_CHARS = 1_000;

export interface ParkingContext {
  reason: string;
  /** Who parked it: the consumer group, or `outbox-relay:<service>`. */
  by: string;
  eventId?: string;
  eventType?: string;
  at?: Date;
}

export function parkedHeaders(kind: Exclude<ParkedKind, 'replay'>, from: string, ctx: ParkingContext): Record<string, string> {
  const headers: Record<string, string> = {
    [PARKED_HEADERS.kind]: kind,
    [PARKED_HEADERS.reason]: ctx.reason.slice(0, REASON_MAX_CHARS),
    [PARKED_HEADERS.from]: from,
    [PARKED_HEADERS.by]: ctx.by,
    [PARKED_HEADERS.at]: (ctx.at ?? new Date()).toISOString(),
  };
  if (ctx.eventId) headers[PARKED_HEADERS.eventId] = ctx.eventId;
  if (ctx.eventType) headers[PARKED_HEADERS.eventType] = ctx.eventType;
  return headers;
}

export function replayMarkerHeaders(parked: { partition: number; offset: string }, by: string, at = new Date()): Record<string, string> {
  return {
    [PARKED_HEADERS.kind]: 'replay',
    [PARKED_HEADERS.replayOf]: `${parked.partition}/${parked.offset}`,
    [PARKED_HEADERS.by]: by,
    [PARKED_HEADERS.at]: at.toISOString(),
  };
}

export interface ParkedSource {
  topic: string;
  partition: number;
  offset: string;
}

/** One parked record, as `pnpm events:parked` lists it. */
export interface ParkedEntry {
  /** Where it sits in the parked topic. */
  partition: number;
  offset: string;
  kind: Exclude<ParkedKind, 'replay'>;
  reason: string;
  parkedBy: string;
  parkedAt: string;
  eventId: string | null;
  eventType: string | null;
  /** Where a `message` came from (replay sends it back there); null for a stub. */
  source: ParkedSource | null;
  /** Set once events:replay re-delivered it. */
  replayedAt: string | null;
  key: Buffer | null;
  value: Buffer | null;
}

export interface ParkedRecordInput {
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

function header(headers: IHeaders | undefined, name: string): string | null {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? null : first.toString();
}

/** `topic/partition/offset` (a topic name has no '/'). */
export function parseParkedSource(from: string | null): ParkedSource | null {
  const match = from?.match(/^([^/]+)\/(\d+)\/(\d+)$/);
  return match ? { topic: match[1]!, partition: Number(match[2]), offset: match[3]! } : null;
}

/**
 * The parked topic's records, read in any order, folded into entries: a replay marker marks the
 * entry it names as replayed. Records parked before the kind header existed count as `message`.
 */
export function foldParkedRecords(records: ParkedRecordInput[]): ParkedEntry[] {
  const entries = new Map<string, ParkedEntry>();
  const replays = new Map<string, string>();
  for (const r of records) {
    const kind = header(r.headers, PARKED_HEADERS.kind) ?? 'message';
    const at = header(r.headers, PARKED_HEADERS.at) ?? new Date(Number(r.timestamp)).toISOString();
    if (kind === 'replay') {
      const of = header(r.headers, PARKED_HEADERS.replayOf);
      if (of) replays.set(of, at);
      continue;
    }
    const from = header(r.headers, PARKED_HEADERS.from);
    entries.set(`${r.partition}/${r.offset}`, {
      partition: r.partition,
      offset: r.offset,
      kind: kind === 'stub' ? 'stub' : 'message',
      reason: header(r.headers, PARKED_HEADERS.reason) ?? '(no reason recorded)',
      parkedBy: header(r.headers, PARKED_HEADERS.by) ?? 'unknown',
      parkedAt: at,
      eventId: header(r.headers, PARKED_HEADERS.eventId) ?? eventIdOf(r.value),
      eventType: header(r.headers, PARKED_HEADERS.eventType),
      source: kind === 'stub' ? null : parseParkedSource(from),
      replayedAt: null,
      key: r.key,
      value: r.value,
    });
  }
  for (const [where, at] of replays) {
    const entry = entries.get(where);
    if (entry) entry.replayedAt = at;
  }
  return [...entries.values()].sort((a, b) => a.parkedAt.localeCompare(b.parkedAt) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** The envelope's id when the value is JSON with one (a message parked for its handler, not for its bytes). */
function eventIdOf(value: Buffer | null): string | null {
  try {
    const id = (JSON.parse(value?.toString('utf8') ?? '') as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Which entries a replay re-delivers: one event id, or every replayable entry not replayed yet. */
export function selectForReplay(entries: ParkedEntry[], selector: { id: string } | { all: true }): ParkedEntry[] {
  const replayable = entries.filter((e) => e.kind === 'message' && e.source !== null && e.value !== null);
  if ('id' in selector) return replayable.filter((e) => e.eventId === selector.id).slice(-1);
  return replayable.filter((e) => e.replayedAt === null);
}
