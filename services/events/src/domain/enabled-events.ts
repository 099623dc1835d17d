import { EVENT_TOPIC, PaygateError, type EventType } from '@paygate/chassis';

/** Every event type an endpoint can subscribe to: the chassis catalog, plus `*` for all of them. */
export const WEBHOOK_EVENT_TYPES: readonly EventType[] = Object.keys(EVENT_TOPIC) as EventType[];
const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);
export const ALL_EVENTS = '*';

/** Stripe's enabled_events: a non-empty list of known event names or `*`; a bad one is a 400 naming its index. */
export function validateEnabledEvents(events: readonly string[]): string[] {
  if (events.length === 0) throw new PaygateError('parameter_missing', 'Missing required param: enabled_events.', { param: 'enabled_events' });
  events.forEach((event, i) => {
    if (event !== ALL_EVENTS && !KNOWN.has(event)) {
      throw new PaygateError('invalid_request', `Invalid enabled_events[${i}]: must be one of ${ALL_EVENTS} or a supported event type; '${event.slice(0, 80)}' is not.`, {
        param: `enabled_events[${i}]`,
      });
    }
  });
  return [...new Set(events)];
}

/** Whether an endpoint with these enabled events receives `type`. */
export function endpointReceives(enabledEvents: readonly string[], type: string): boolean {
  return enabledEvents.includes(ALL_EVENTS) || enabledEvents.includes(type);
}
