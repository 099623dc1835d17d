import { z } from 'zod';
import { paymentMethodObject } from '../objects/payment-method';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { billingDetailsParams, byId, retrieveParams } from './shared-params';

/** /v1/payment_methods — reusable cards in the charge service's vault. */
const listArgs = { ...LIST_ARGS, customer: 'ID', type: 'PaymentMethodType' } as const;
const paymentMethodType = z.enum(['card']);

export const paymentMethodRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/payment_methods',
    publishable: true,
    params: z.strictObject({
      type: paymentMethodType,
      card: z
        .strictObject({
          number: form.cardNumber().optional(),
          exp_month: form.integer().optional(),
          exp_year: form.integer().optional(),
          cvc: form.cardNumber().optional(),
          token: form.string().optional(),
        })
        .optional(),
      billing_details: billingDetailsParams.optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: paymentMethodObject,
    operation: { kind: 'mutation', field: 'createPaymentMethod', args: { input: 'PaymentMethodCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/payment_methods/:id',
    params: retrieveParams,
    object: paymentMethodObject,
    operation: { kind: 'query', field: 'paymentMethod', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/payment_methods/:id',
    params: z.strictObject({
      billing_details: billingDetailsParams.optional(),
      card: z.strictObject({ exp_month: form.integer().optional(), exp_year: form.integer().optional() }).optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: paymentMethodObject,
    operation: {
      kind: 'mutation',
      field: 'updatePaymentMethod',
      args: { id: 'ID!', input: 'PaymentMethodUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/payment_methods/:id/attach',
    params: z.strictObject({ customer: form.string(), expand: form.expand().optional() }),
    object: paymentMethodObject,
    operation: {
      kind: 'mutation',
      field: 'attachPaymentMethod',
      args: { id: 'ID!', customer: 'ID!' },
      variables: (params, path) => ({ id: path.id, customer: params.customer }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/payment_methods/:id/detach',
    params: retrieveParams,
    object: paymentMethodObject,
    operation: { kind: 'mutation', field: 'detachPaymentMethod', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/payment_methods',
    params: z.strictObject({ ...form.list(), customer: form.string().optional(), type: paymentMethodType.optional() }),
    object: paymentMethodObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'paymentMethods',
      args: listArgs,
      variables: (params) => ({ ...listArguments(params), customer: params.customer ?? null, type: params.type ?? null }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/customers/:id/payment_methods',
    params: z.strictObject({ ...form.list(), type: paymentMethodType.optional() }),
    object: paymentMethodObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'paymentMethods',
      args: listArgs,
      variables: (params, path) => ({ ...listArguments(params), customer: path.id, type: params.type ?? null }),
    },
  }),
];
