import { z } from 'zod';
import { paymentIntentObject } from '../objects/payment-intent';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { createdFilter, inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { SEARCH_ARGS, searchParams, searchVariables, shippingParams } from './shared-params';

/** /v1/payment_intents — the charge service's PaymentIntents (Stripe's state machine, 3-D Secure). */
const captureMethod = z.enum(['automatic', 'automatic_async', 'manual']);
const setupFutureUsage = z.enum(['off_session', 'on_session']);
const paymentMethodTypes = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(form.string()).max(20));

const mutable = {
  customer: form.string().optional(),
  description: form.nullableString().optional(),
  metadata: form.metadata().optional(),
  payment_method: form.string().optional(),
  payment_method_types: paymentMethodTypes.optional(),
  receipt_email: form.nullableString().optional(),
  setup_future_usage: setupFutureUsage.optional(),
  shipping: shippingParams.optional(),
  statement_descriptor: form.nullableString().optional(),
  statement_descriptor_suffix: form.nullableString().optional(),
  expand: form.expand().optional(),
};

const idWith = (input: Record<string, unknown>, path: Record<string, string>) => ({ id: path.id, input: inputOf(input, ['client_secret']) });

export const paymentIntentRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/payment_intents',
    params: z.strictObject({
      ...mutable,
      amount: form.amount(),
      currency: form.string(),
      automatic_payment_methods: z.strictObject({ enabled: form.boolean(), allow_redirects: z.enum(['always', 'never']).optional() }).optional(),
      capture_method: captureMethod.optional(),
      confirm: form.boolean().optional(),
      confirmation_method: z.enum(['automatic', 'manual']).optional(),
      return_url: form.string().optional(),
    }),
    object: paymentIntentObject,
    operation: { kind: 'mutation', field: 'createPaymentIntent', args: { input: 'PaymentIntentCreateInput!' }, variables: (params) => ({ input: inputOf(params) }) },
  }),
  route({
    method: 'get',
    path: '/v1/payment_intents/search',
    params: searchParams,
    object: paymentIntentObject,
    shape: 'search',
    operation: { kind: 'query', field: 'searchPaymentIntents', args: SEARCH_ARGS, variables: searchVariables },
  }),
  route({
    method: 'get',
    path: '/v1/payment_intents/:id',
    publishable: 'client_secret',
    params: z.strictObject({ client_secret: form.string().optional(), expand: form.expand().optional() }),
    object: paymentIntentObject,
    operation: {
      kind: 'query',
      field: 'paymentIntent',
      args: { id: 'ID!', clientSecret: 'String' },
      variables: (params, path) => ({ id: path.id, clientSecret: params.client_secret ?? null }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/payment_intents/:id',
    params: z.strictObject({ ...mutable, amount: form.amount().optional(), currency: form.string().optional(), capture_method: captureMethod.optional() }),
    object: paymentIntentObject,
    operation: { kind: 'mutation', field: 'updatePaymentIntent', args: { id: 'ID!', input: 'PaymentIntentUpdateInput!' }, variables: idWith },
  }),
  route({
    method: 'post',
    path: '/v1/payment_intents/:id/confirm',
    publishable: 'client_secret',
    params: z.strictObject({
      capture_method: captureMethod.optional(),
      client_secret: form.string().optional(),
      payment_method: form.string().optional(),
      receipt_email: form.nullableString().optional(),
      return_url: form.string().optional(),
      setup_future_usage: setupFutureUsage.optional(),
      shipping: shippingParams.optional(),
      expand: form.expand().optional(),
    }),
    object: paymentIntentObject,
    operation: {
      kind: 'mutation',
      field: 'confirmPaymentIntent',
      args: { id: 'ID!', input: 'PaymentIntentConfirmInput', clientSecret: 'String' },
      variables: (params, path) => ({ ...idWith(params, path), clientSecret: params.client_secret ?? null }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/payment_intents/:id/capture',
    params: z.strictObject({
      amount_to_capture: form.amount().optional(),
      metadata: form.metadata().optional(),
      statement_descriptor: form.nullableString().optional(),
      statement_descriptor_suffix: form.nullableString().optional(),
      expand: form.expand().optional(),
    }),
    object: paymentIntentObject,
    operation: { kind: 'mutation', field: 'capturePaymentIntent', args: { id: 'ID!', input: 'PaymentIntentCaptureInput' }, variables: idWith },
  }),
  route({
    method: 'post',
    path: '/v1/payment_intents/:id/cancel',
    params: z.strictObject({
      cancellation_reason: z.enum(['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer']).optional(),
      expand: form.expand().optional(),
    }),
    object: paymentIntentObject,
    operation: {
      kind: 'mutation',
      field: 'cancelPaymentIntent',
      args: { id: 'ID!', cancellationReason: 'CancellationReason' },
      variables: (params, path) => ({ id: path.id, cancellationReason: params.cancellation_reason ?? null }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/payment_intents',
    params: z.strictObject({ ...form.list(), customer: form.string().optional(), created: form.range().optional() }),
    object: paymentIntentObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'paymentIntents',
      args: { ...LIST_ARGS, filter: 'PaymentIntentListFilter' },
      variables: (params) => ({ ...listArguments(params), filter: { customer: params.customer ?? null, ...createdFilter(params.created) } }),
    },
  }),
];
