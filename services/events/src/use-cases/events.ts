import { fail, requireSecretCaller, type ListArgs, type Page, type SubgraphContext } from '@paygate/chassis';
import type { EventNode } from '../db/event-node';
import { findEvent, listEvents, type EventListFilter } from '../db/events';
import type { EventsDeps } from './deps';

type Caller = Pick<SubgraphContext, 'account' | 'keyType'>;

/** GET /v1/events/:id: another account's event is simply not found. */
export async function retrieveEvent(deps: EventsDeps, caller: Caller, id: string): Promise<EventNode> {
  requireSecretCaller(caller);
  const event = await findEvent(deps.prisma, caller.account, id);
  if (!event) throw fail.missing('event', id);
  return event;
}

/** GET /v1/events, newest first, the last 30 days (older ones are pruned). */
export function listAccountEvents(deps: EventsDeps, caller: Caller, filter: EventListFilter | null | undefined, args: ListArgs): Promise<Page<EventNode>> {
  requireSecretCaller(caller);
  return listEvents(deps.prisma, caller.account, filter, args);
}

/** Federation: another account's id resolves to nothing. */
export function findEventNode(deps: EventsDeps, account: string, id: string): Promise<EventNode | null> {
  return findEvent(deps.prisma, account, id);
}
