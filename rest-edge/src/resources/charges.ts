import { z } from 'zod';
import { chargeObject, newChargeObject } from '../objects/charge';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { createdFilter, inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { byId, retrieveParams, SEARCH_ARGS, searchParams, searchVariables, shippingParams } from './shared-params';

/** /v1/charges — the charge subgraph (amount_refunded/refunded from refund, balance_transaction from balance). */
const updateParams = z.strictObject({
  customer: form.string().optional(),
  description: form.nullableString().optional(),
  fraud_details: z.strictObject({ user_report: z.enum(['fraudulent', 'safe', '']) }).optional(),
  metadata: form.metadata().optional(),
  receipt_email: form.nullableString().optional(),
  shipping: shippingParams.optional(),
  expand: form.expand().optional(),
});

export const chargeRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/charges',
    params: z.strictObject({
      amount: form.amount(),
      currency: form.string(),
      source: form.string().optional(),
      customer: form.string().optional(),
      capture: form.boolean().optional(),
      description: form.nullableString().optional(),
      receipt_email: form.nullableString().optional(),
      shipping: shippingParams.optional(),
      statement_descriptor: form.nullableString().optional(),
      statement_descriptor_suffix: form.nullableString().optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: newChargeObject,
    operation: { kind: 'mutation', field: 'createCharge', args: { input: 'ChargeCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/charges/search',
    params: searchParams,
    object: chargeObject,
    shape: 'search',
    operation: { kind: 'query', field: 'searchCharges', args: SEARCH_ARGS, variables: searchVariables },
  }),
  route({
    method: 'post',
    path: '/v1/charges/:id/capture',
    params: z.strictObject({
      amount: form.amount().optional(),
      receipt_email: form.nullableString().optional(),
      statement_descriptor: form.nullableString().optional(),
      statement_descriptor_suffix: form.nullableString().optional(),
      expand: form.expand().optional(),
    }),
    object: chargeObject,
    operation: {
      kind: 'mutation',
      field: 'captureCharge',
      args: { id: 'ID!', input: 'ChargeCaptureInput' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/charges/:id',
    params: retrieveParams,
    object: chargeObject,
    operation: { kind: 'query', field: 'charge', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/charges/:id',
    params: updateParams,
    object: chargeObject,
    operation: {
      kind: 'mutation',
      field: 'updateCharge',
      args: { id: 'ID!', input: 'ChargeUpdateInput!' },
      variables: (params, path) => ({
        id: path.id,
        input: inputOf({ ...params, fraud_details: params.fraud_details && { user_report: params.fraud_details.user_report || null } }),
      }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/charges',
    params: z.strictObject({ ...form.list(), customer: form.string().optional(), payment_intent: form.string().optional(), created: form.range().optional() }),
    object: chargeObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'charges',
      args: { ...LIST_ARGS, filter: 'ChargeListFilter' },
      variables: (params) => ({
        ...listArguments(params),
        filter: { customer: params.customer ?? null, paymentIntent: params.payment_intent ?? null, ...createdFilter(params.created) },
      }),
    },
  }),
];
