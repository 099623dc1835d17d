import type { EventEnvelope } from '../services/chassis/src/events';
import { pgSql } from '../services/chassis/src/pg-sql';
import { storeEvent } from '../services/events/src/use-cases/store-event';
import { Client } from 'pg';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { createTestAccount, eventually, type TestAccount } from './support/stack';

/**
 * The events service's store (db/event-store.ts) against its real database, fed the very envelopes
 * the customer service published (read back from its outbox): what the consumer's dedupe would
 * normally keep away — the same event twice, an event older than the snapshot — must still leave
 * the stored events, snapshots and deliveries right.
 */
describe('the events store, on the events database', () => {
  let a: TestAccount;
  let events: Client;
  let customers: Client;
  const sql = pgSql(databaseUrl(serviceDatabase('events')));

  beforeAll(async () => {
    a = await createTestAccount('event store');
    events = new Client({ connectionString: databaseUrl(serviceDatabase('events')) });
    customers = new Client({ connectionString: databaseUrl(serviceDatabase('customer')) });
    await events.connect();
    await customers.connect();
  });
  afterAll(async () => {
    await events.end();
    await customers.end();
    await sql.$disconnect();
  });

  /** The envelope the customer service wrote for `type` of `customerId`, once the events service has stored it. */
  const published = async (customerId: string, type: string): Promise<EventEnvelope> => {
    const { rows } = await customers.query<{ payload: EventEnvelope }>("SELECT payload FROM outbox_events WHERE account = $1 AND type = $2 AND payload->'data'->'object'->>'id' = $3", [a.id, type, customerId]);
    expect(rows).toHaveLength(1);
    const envelope = rows[0]!.payload;
    await eventually(async () => ((await events.query('SELECT 1 FROM events WHERE id = $1', [envelope.id])).rowCount ? true : null), 20_000, `${type} stored`);
    return envelope;
  };
  const deliveriesOf = async (eventId: string) => (await events.query<{ endpoint_id: string }>('SELECT endpoint_id FROM webhook_deliveries WHERE event_id = $1 ORDER BY endpoint_id', [eventId])).rows.map((r) => r.endpoint_id);
  const snapshotOf = async (objectId: string) => (await events.query<{ data: { email: string }; event_created: number }>('SELECT data, event_created FROM object_snapshots WHERE account = $1 AND object_id = $2', [a.id, objectId])).rows[0];

  it('schedules a delivery per enabled endpoint receiving the type, and storing the same event again adds neither an event nor a delivery', async () => {
    const all = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/all', enabled_events: ['*'] });
    const created = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/created', enabled_events: ['customer.created'] });
    const other = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/other', enabled_events: ['charge.succeeded'] });
    const disabled = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/off', enabled_events: ['*'] });
    await a.stripe.webhookEndpoints.update(disabled.id, { disabled: true });
    const customer = await a.stripe.customers.create({ email: 'store@example.com' });
    const envelope = await published(customer.id, 'customer.created');
    expect(await deliveriesOf(envelope.id)).toEqual([all.id, created.id].sort());
    expect(await deliveriesOf(envelope.id)).not.toContain(other.id);

    await sql.$transaction((tx) => storeEvent(tx, envelope, new Date()));
    expect((await events.query('SELECT count(*)::int AS n FROM events WHERE id = $1', [envelope.id])).rows[0].n).toBe(1);
    expect(await deliveriesOf(envelope.id)).toEqual([all.id, created.id].sort());
    for (const endpoint of [all, created, other, disabled]) await a.stripe.webhookEndpoints.del(endpoint.id);
  });

  it('an event older than the snapshot is stored but leaves the snapshot as the newer event made it', async () => {
    const customer = await a.stripe.customers.create({ email: 'first@example.com' });
    const createdEvent = await published(customer.id, 'customer.created');
    await a.stripe.customers.update(customer.id, { email: 'second@example.com' });
    const updatedEvent = await published(customer.id, 'customer.updated');
    const stored = (await events.query<{ data: { previous_attributes: unknown } }>('SELECT data FROM events WHERE id = $1', [updatedEvent.id])).rows[0]!;
    expect(stored.data.previous_attributes).toEqual({ email: 'first@example.com' });
    expect(await snapshotOf(customer.id)).toMatchObject({ data: { email: 'second@example.com' } });

    // The creation again, as a different event from before the update: stored, the snapshot untouched.
    const late = { ...createdEvent, id: `${createdEvent.id}_late`, created: updatedEvent.created - 10 };
    await sql.$transaction((tx) => storeEvent(tx, late, new Date()));
    expect((await events.query('SELECT 1 FROM events WHERE id = $1', [late.id])).rowCount).toBe(1);
    expect(await snapshotOf(customer.id)).toMatchObject({ data: { email: 'second@example.com' }, event_created: updatedEvent.created });
  });
});
