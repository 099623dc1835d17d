import { foldParkedRecords, parkedHeaders, parseParkedSource, replayMarkerHeaders, selectForReplay, type ParkedRecordInput } from './parked';

const at = new Date('2026-12-01T10:00:00.000Z');

function record(partition: number, offset: string, headers: Record<string, string>, value: string | null = null): ParkedRecordInput {
  return { partition, offset, timestamp: String(at.getTime()), key: Buffer.from('acct_1'), value: value === null ? null : Buffer.from(value), headers };
}

describe('the parked topic', () => {
  it('parses where a message came from', () => {
    expect(parseParkedSource('paygate.charge.v1/2/41')).toEqual({ topic: 'paygate.charge.v1', partition: 2, offset: '41' });
    expect(parseParkedSource('outbox:charge/paygate.charge.v1')).toBeNull();
    expect(parseParkedSource(null)).toBeNull();
  });

  it('folds records into entries; a replay marker marks the one it names', () => {
    const parked = record(0, '5', parkedHeaders('message', 'paygate.charge.v1/1/7', { reason: 'poison: no amount', by: 'paygate-balance', eventId: 'evt_1', eventType: 'charge.succeeded', at }), '{"id":"evt_1"}');
    const stub = record(1, '3', parkedHeaders('stub', 'outbox:charge/paygate.charge.v1', { reason: 'MESSAGE_TOO_LARGE', by: 'outbox-relay:charge', eventId: 'evt_2', at }), '{"id":"evt_2"}');
    const replay = record(2, '0', replayMarkerHeaders({ partition: 0, offset: '5' }, 'events:replay', new Date('2026-12-02T00:00:00.000Z')));
    const entries = foldParkedRecords([replay, stub, parked]);
    expect(entries.map((e) => [e.kind, e.eventId, e.replayedAt])).toEqual([
      ['message', 'evt_1', '2026-12-02T00:00:00.000Z'],
      ['stub', 'evt_2', null],
    ]);
    expect(entries[0]).toMatchObject({ reason: 'poison: no amount', parkedBy: 'paygate-balance', eventType: 'charge.succeeded', source: { topic: 'paygate.charge.v1', partition: 1, offset: '7' } });
    expect(entries[1]!.source).toBeNull();
  });

  it('reads records parked before the kind header existed, and finds the event id in the value', () => {
    const old = record(0, '1', { 'parked-reason': 'handler failed 5 times', 'parked-from': 'paygate.charge.v1/0/3', 'parked-by': 'paygate-balance' }, '{"id":"evt_old"}');
    const [entry] = foldParkedRecords([old]);
    expect(entry).toMatchObject({ kind: 'message', eventId: 'evt_old', parkedAt: at.toISOString(), source: { offset: '3' } });
  });

  it('replay --all takes the replayable entries not replayed yet; --id the latest with that id, replayed or not', () => {
    const a = record(0, '1', parkedHeaders('message', 't.v1/0/1', { reason: 'r', by: 'g', eventId: 'evt_a', at }), '{}');
    const b = record(0, '2', parkedHeaders('message', 't.v1/0/2', { reason: 'r', by: 'g', eventId: 'evt_b', at }), '{}');
    const stub = record(0, '3', parkedHeaders('stub', 'outbox:x/t.v1', { reason: 'r', by: 'g', eventId: 'evt_c', at }), '{}');
    const aAgain = record(0, '4', parkedHeaders('message', 't.v1/0/9', { reason: 'r', by: 'g', eventId: 'evt_a', at: new Date(at.getTime() + 1) }), '{}');
    const replayedB = record(0, '5', replayMarkerHeaders({ partition: 0, offset: '2' }, 'events:replay'));
    const entries = foldParkedRecords([a, b, stub, aAgain, replayedB]);
    expect(selectForReplay(entries, { all: true }).map((e) => e.offset)).toEqual(['1', '4']);
    expect(selectForReplay(entries, { id: 'evt_a' }).map((e) => e.offset)).toEqual(['4']);
    expect(selectForReplay(entries, { id: 'evt_b' }).map((e) => e.offset)).toEqual(['2']);
    expect(selectForReplay(entries, { id: 'evt_c' })).toEqual([]);
  });

  it('cuts a long reason', () => {
    expect(parkedHeaders('message', 't/0/0', { reason: 'x'.repeat(5_000), by: 'g' })['parked-reason']).toHaveLength(1_000);
  });
});
