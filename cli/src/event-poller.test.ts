import { EventPoller, ListError, type EventPage, type ListedEvent } from './event-poller';

/**
 * A fake GET /v1/events over rows in insertion order (seq = index), with the API's paging: newest
 * first; ending_before → the rows just after the cursor; starting_after → just before; created[gte].
 * `visible` hides rows not committed yet.
 */
function fakeApi() {
  const rows: (ListedEvent & { visible: boolean })[] = [];
  const calls: Record<string, string>[] = [];
  const list = async (params: Record<string, string>): Promise<EventPage> => {
    calls.push(params);
    const limit = Number(params.limit);
    let candidates = rows.map((r, seq) => ({ r, seq })).filter(({ r }) => r.visible);
    if (params['created[gte]']) candidates = candidates.filter(({ r }) => r.created >= Number(params['created[gte]']));
    const seqOf = (id: string) => {
      const seq = rows.findIndex((r) => r.id === id);
      if (seq < 0) throw new ListError(`No such event: '${id}'`, 404, params.ending_before ? 'ending_before' : 'starting_after');
      return seq;
    };
    if (params.ending_before) {
      const at = seqOf(params.ending_before);
      const newer = candidates.filter(({ seq }) => seq > at);
      const page = newer.slice(0, limit + 1);
      return { data: page.slice(0, limit).reverse().map(({ r }) => strip(r)), has_more: page.length > limit };
    }
    if (params.starting_after) {
      const at = seqOf(params.starting_after);
      candidates = candidates.filter(({ seq }) => seq < at);
    }
    const newestFirst = [...candidates].reverse();
    return { data: newestFirst.slice(0, limit).map(({ r }) => strip(r)), has_more: newestFirst.length > limit };
  };
  const strip = ({ visible: _visible, ...event }: ListedEvent & { visible: boolean }) => event as ListedEvent;
  const add = (id: string, created: number, visible = true) => rows.push({ id, type: 'charge.succeeded', created, visible });
  const show = (id: string) => {
    rows.find((r) => r.id === id)!.visible = true;
  };
  const remove = (id: string) => rows.splice(rows.findIndex((r) => r.id === id), 1);
  return { list, add, show, remove, calls };
}

const ids = (events: ListedEvent[]) => events.map((e) => e.id);

describe('the event poller', () => {
  it('hands out what is created from its start on, oldest first, each once', async () => {
    const api = fakeApi();
    let now = 0;
    api.add('evt_old', 99);
    const poller = new EventPoller(api.list, 100, 2_000, () => now);
    expect(await poller.poll()).toEqual([]);
    api.add('evt_1', 100);
    api.add('evt_2', 101);
    expect(ids(await poller.poll())).toEqual(['evt_1', 'evt_2']);
    now += 250;
    expect(await poller.poll()).toEqual([]);
    api.add('evt_3', 101);
    now += 5_000;
    expect(ids(await poller.poll())).toEqual(['evt_3']);
    now += 250;
    expect(await poller.poll()).toEqual([]);
  });

  it('moves to an ending_before cursor once an event has settled, and pages every newer event', async () => {
    const api = fakeApi();
    let now = 0;
    const poller = new EventPoller(api.list, 100, 2_000, () => now);
    for (let i = 0; i < 3; i++) api.add(`evt_a${i}`, 100);
    expect(await poller.poll()).toHaveLength(3);
    now += 2_000;
    await poller.poll(); // evt_a2 has settled: the cursor
    for (let i = 0; i < 250; i++) api.add(`evt_b${i}`, 101);
    api.calls.length = 0;
    const burst = await poller.poll();
    expect(ids(burst)).toEqual(Array.from({ length: 250 }, (_, i) => `evt_b${i}`));
    expect(api.calls.map((c) => c.ending_before)).toEqual(['evt_a2', 'evt_b99', 'evt_b199']);
    expect(api.calls.every((c) => !('created[gte]' in c))).toBe(true);
  });

  it('pages created[gte] with starting_after before it has a cursor', async () => {
    const api = fakeApi();
    const poller = new EventPoller(api.list, 100, 2_000, () => 0);
    for (let i = 0; i < 230; i++) api.add(`evt_${i}`, 100);
    const all = await poller.poll();
    expect(ids(all)).toEqual(Array.from({ length: 230 }, (_, i) => `evt_${i}`));
    expect(api.calls.map((c) => c.starting_after)).toEqual([undefined, 'evt_130', 'evt_30']);
  });

  it('catches an event whose row became visible after a newer one (no gap behind the cursor)', async () => {
    const api = fakeApi();
    let now = 0;
    const poller = new EventPoller(api.list, 100, 2_000, () => now);
    api.add('evt_1', 100);
    expect(ids(await poller.poll())).toEqual(['evt_1']);
    now += 2_500;
    api.add('evt_2', 100, false); // committing
    api.add('evt_3', 100);
    expect(ids(await poller.poll())).toEqual(['evt_3']);
    now += 1_000;
    api.show('evt_2');
    expect(ids(await poller.poll())).toEqual(['evt_2']);
    now += 5_000;
    expect(await poller.poll()).toEqual([]);
  });

  it('skips events created before it started even when they are stored after (consumer lag)', async () => {
    const api = fakeApi();
    let now = 0;
    const poller = new EventPoller(api.list, 100, 2_000, () => now);
    api.add('evt_1', 100);
    await poller.poll();
    now += 3_000;
    await poller.poll();
    api.add('evt_late', 98);
    api.add('evt_2', 102);
    expect(ids(await poller.poll())).toEqual(['evt_2']);
  });

  it('a cursor the API no longer knows: back to created[gte], nothing handed out twice', async () => {
    const api = fakeApi();
    let now = 0;
    const poller = new EventPoller(api.list, 100, 2_000, () => now);
    api.add('evt_1', 100);
    api.add('evt_2', 100);
    await poller.poll();
    now += 3_000;
    await poller.poll();
    api.remove('evt_2');
    api.add('evt_3', 101);
    expect(ids(await poller.poll())).toEqual(['evt_3']);
  });

  it('other API errors reach the caller (the listener reports them and polls again)', async () => {
    const poller = new EventPoller(async () => {
      throw new ListError('Invalid API Key provided', 401);
    }, 100);
    await expect(poller.poll()).rejects.toMatchObject({ status: 401 });
  });
});
