import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { LIST_ARGS, listArguments } from '../http/wire';
import { eventObject } from '../objects/event';
import { byId, retrieveParams } from './shared-params';

/** `types[]=a&types[]=b` (qs also yields a lone string for `types=a`): at most 20, as Stripe's. */
const eventTypes = () => z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()).min(1).max(20));

/** /v1/events — the events subgraph: every state change of the last 30 days, newest first. */
export const eventRoutes: RestRoute[] = [
  route({
    method: 'get',
    path: '/v1/events/:id',
    params: retrieveParams,
    object: eventObject,
    operation: { kind: 'query', field: 'event', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/events',
    params: z.strictObject({
      ...form.list(),
      type: form.string().optional(),
      types: eventTypes().optional(),
      created: form.range().optional(),
    }),
    object: eventObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'events',
      args: { ...LIST_ARGS, filter: 'EventListFilter' },
      variables: (params) => ({ ...listArguments(params), filter: { type: params.type ?? null, types: params.types ?? null, created: params.created ?? null } }),
    },
  }),
];
