import { z } from 'zod';
import { payoutObject } from '../objects/payout';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { byId, retrieveParams } from './shared-params';

/** /v1/payouts — the payout subgraph (it reserves the funds on the balance subgraph). */
const TIMESTAMP_RANGE = 'TimestampRange';
const withMetadata = z.strictObject({ metadata: form.metadata().optional(), expand: form.expand().optional() });

export const payoutRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/payouts',
    params: z.strictObject({
      amount: form.amount(),
      currency: form.string(),
      description: form.nullableString().optional(),
      destination: form.string().optional(),
      metadata: form.metadata().optional(),
      method: z.enum(['standard', 'instant']).optional(),
      source_type: z.enum(['bank_account', 'card', 'fpx']).optional(),
      statement_descriptor: form.nullableString().optional(),
      expand: form.expand().optional(),
    }),
    object: payoutObject,
    operation: { kind: 'mutation', field: 'createPayout', args: { input: 'PayoutCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/payouts/:id',
    params: retrieveParams,
    object: payoutObject,
    operation: { kind: 'query', field: 'payout', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/payouts/:id',
    params: withMetadata,
    object: payoutObject,
    operation: { kind: 'mutation', field: 'updatePayout', args: { id: 'ID!', metadata: 'Metadata' }, variables: (params, path) => ({ id: path.id, metadata: params.metadata }) },
  }),
  route({
    method: 'post',
    path: '/v1/payouts/:id/cancel',
    params: retrieveParams,
    object: payoutObject,
    operation: { kind: 'mutation', field: 'cancelPayout', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/payouts/:id/reverse',
    params: withMetadata,
    object: payoutObject,
    operation: { kind: 'mutation', field: 'reversePayout', args: { id: 'ID!', metadata: 'Metadata' }, variables: (params, path) => ({ id: path.id, metadata: params.metadata ?? null }) },
  }),
  route({
    method: 'get',
    path: '/v1/payouts',
    params: z.strictObject({
      ...form.list(),
      status: z.enum(['pending', 'in_transit', 'paid', 'failed', 'canceled']).optional(),
      destination: form.string().optional(),
      created: form.range().optional(),
      arrival_date: form.range().optional(),
    }),
    object: payoutObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'payouts',
      args: { ...LIST_ARGS, status: 'PayoutStatus', destination: 'ID', created: TIMESTAMP_RANGE, arrivalDate: TIMESTAMP_RANGE },
      variables: (params) => ({
        ...listArguments(params),
        status: params.status ?? null,
        destination: params.destination ?? null,
        created: params.created ?? null,
        arrivalDate: params.arrival_date ?? null,
      }),
    },
  }),
];
