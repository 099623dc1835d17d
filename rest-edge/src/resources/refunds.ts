import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { refundObject } from '../objects/refund';
import { byId, retrieveParams } from './shared-params';

/** /v1/refunds and /v1/charges/:id/refunds — the refund subgraph (which reads the charge and debits the balance through the graph). */
export const refundRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/refunds',
    params: z.strictObject({
      charge: form.string().optional(),
      payment_intent: form.string().optional(),
      amount: form.amount().optional(),
      reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: refundObject,
    operation: { kind: 'mutation', field: 'createRefund', args: { input: 'RefundCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/refunds/:id',
    params: retrieveParams,
    object: refundObject,
    operation: { kind: 'query', field: 'refund', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/refunds/:id',
    params: z.strictObject({ metadata: form.metadata().optional(), expand: form.expand().optional() }),
    object: refundObject,
    operation: {
      kind: 'mutation',
      field: 'updateRefund',
      args: { id: 'ID!', input: 'RefundUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/refunds/:id/cancel',
    params: retrieveParams,
    object: refundObject,
    operation: { kind: 'mutation', field: 'cancelRefund', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/refunds',
    params: z.strictObject({ ...form.list(), charge: form.string().optional(), payment_intent: form.string().optional(), created: form.range().optional() }),
    object: refundObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'refunds',
      args: { ...LIST_ARGS, filter: 'RefundListFilter' },
      variables: (params) => ({
        ...listArguments(params),
        filter: { charge: params.charge ?? null, paymentIntent: params.payment_intent ?? null, created: params.created ?? null },
      }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/charges/:id/refunds',
    params: z.strictObject(form.list()),
    object: refundObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'chargeRefunds',
      args: { charge: 'ID!', ...LIST_ARGS },
      variables: (params, path) => ({ charge: path.id, ...listArguments(params) }),
    },
  }),
];
