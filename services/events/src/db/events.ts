import { listPage, timestampRange, type ListArgs, type Page, type TimestampRange } from '@paygate/chassis';
import type { EventsDb } from './client';
import { toEventNode, WITH_PENDING, type EventNode } from './event-node';

export interface EventListFilter {
  /** One type, or a group with `*` as a wildcard (`charge.*`). */
  type?: string | null;
  types?: string[] | null;
  created?: TimestampRange | null;
}

export interface NewEvent {
  id: string;
  account: string;
  type: string;
  created: number;
  apiVersion: string;
  data: Record<string, unknown>;
  requestId: string | null;
  idempotencyKey: string | null;
}

export async function findEvent(db: EventsDb, account: string, id: string): Promise<EventNode | null> {
  const row = await db.event.findFirst({ where: { account, id }, include: WITH_PENDING });
  return row ? toEventNode(row) : null;
}

function typeWhere(filter: EventListFilter | null | undefined) {
  if (filter?.types?.length) return { type: { in: filter.types } };
  if (!filter?.type) return {};
  if (!filter.type.includes('*')) return { type: filter.type };
  // `charge.*` → every charge event; `*` → all.
  const prefix = filter.type.slice(0, filter.type.indexOf('*'));
  return prefix ? { type: { startsWith: prefix } } : {};
}

/** Newest first, within the account (and the filter). */
export function listEvents(db: EventsDb, account: string, filter: EventListFilter | null | undefined, args: ListArgs): Promise<Page<EventNode>> {
  const created = timestampRange(filter?.created, 'created');
  const where = { account, ...typeWhere(filter), ...(created ? { created } : {}) };
  const model = {
    findFirst: (a: { where: typeof where & { id: string }; select: { seq: true } }) => db.event.findFirst(a),
    findMany: (a: { where: typeof where; orderBy: { seq: 'asc' | 'desc' }; take: number }) => db.event.findMany({ ...a, include: WITH_PENDING }),
  };
  return listPage(model, { where, kind: 'event', toNode: toEventNode }, args);
}
