import { ALL_TOPICS, EVENT_TOPIC, TOPICS, type EventHandler, type EventType, type RawSql, type Topic } from '@paygate/chassis';
import { storeEvent } from '../use-cases/store-event';

/** Every topic of the catalog but the parked one: the events service sees every state change. */
export const EVENTS_TOPICS: Topic[] = ALL_TOPICS.filter((topic) => topic !== TOPICS.parked);

/** One handler for every event type: store it, with its deliveries (store-event.ts). */
export function eventHandlers(now: () => Date): Partial<Record<EventType, EventHandler<RawSql>>> {
  const handler: EventHandler<RawSql> = (event, tx) => storeEvent(tx, event, now());
  return Object.fromEntries((Object.keys(EVENT_TOPIC) as EventType[]).map((type) => [type, handler]));
}
