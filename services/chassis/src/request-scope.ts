import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The API request a subgraph is serving, as the edge named it: its request id and the merchant's
 * Idempotency-Key. The subgraph server runs each /graphql request inside this scope, so an event
 * built while serving it (buildEvent) records Stripe's `request: { id, idempotency_key }` without
 * every producer passing it along. Outside a request (a sweeper, a consumer) both are null, as
 * Stripe's are for automatic events.
 */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

const scope = new AsyncLocalStorage<EventRequest>();

export function runInRequestScope<T>(request: EventRequest, fn: () => T): T {
  return scope.run(request, fn);
}

export function currentEventRequest(): EventRequest {
  return scope.getStore() ?? { id: null, idempotency_key: null };
}
