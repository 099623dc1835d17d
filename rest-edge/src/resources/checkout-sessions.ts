import { z } from 'zod';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { checkoutSessionObject } from '../objects/checkout-session';
import { checkoutSessionLineItemObject } from '../objects/checkout-session-line-item';
import { byId, retrieveParams } from './shared-params';

/** line_items[] with price_data (Stripe's inline price); a `price` id needs a prices API, which does not exist yet. */
const lineItemParams = z.strictObject({
  price_data: z
    .strictObject({
      currency: form.string().optional(),
      unit_amount: form.amount().optional(),
      product_data: z.strictObject({ name: form.string().optional(), description: form.string().optional() }).optional(),
    })
    .optional(),
  quantity: form.integer().optional(),
});

/** /v1/checkout/sessions — the session subgraph (which checks customers and makes intents through the graph). */
export const checkoutSessionRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/checkout/sessions',
    params: z.strictObject({
      mode: z.enum(['payment', 'setup', 'subscription']).optional(),
      line_items: z.array(lineItemParams).optional(),
      customer: form.string().optional(),
      customer_email: form.string().optional(),
      customer_creation: z.enum(['if_required', 'always']).optional(),
      success_url: form.string().optional(),
      cancel_url: form.string().optional(),
      client_reference_id: form.string().optional(),
      metadata: form.metadata().optional(),
      payment_intent_data: z
        .strictObject({
          capture_method: z.enum(['automatic', 'automatic_async', 'manual']).optional(),
          description: form.string().optional(),
          metadata: form.metadata().optional(),
        })
        .optional(),
      expires_at: form.integer().optional(),
      submit_type: z.enum(['auto', 'pay', 'book', 'donate']).optional(),
      // Cards are the only payment method there is: accepted for compatibility, card is what the page takes.
      payment_method_types: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(['card'])).max(1)).optional(),
      expand: form.expand().optional(),
    }),
    object: checkoutSessionObject,
    operation: {
      kind: 'mutation',
      field: 'createCheckoutSession',
      args: { input: 'CheckoutSessionCreateInput!' },
      variables: (params) => ({ input: inputOf(params, ['payment_method_types']) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/checkout/sessions/:id',
    params: retrieveParams,
    object: checkoutSessionObject,
    operation: { kind: 'query', field: 'checkoutSession', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'post',
    path: '/v1/checkout/sessions/:id',
    params: z.strictObject({ metadata: form.metadata().optional(), expand: form.expand().optional() }),
    object: checkoutSessionObject,
    operation: {
      kind: 'mutation',
      field: 'updateCheckoutSession',
      args: { id: 'ID!', input: 'CheckoutSessionUpdateInput!' },
      variables: (params, path) => ({ id: path.id, input: inputOf(params) }),
    },
  }),
  route({
    method: 'post',
    path: '/v1/checkout/sessions/:id/expire',
    params: retrieveParams,
    object: checkoutSessionObject,
    operation: { kind: 'mutation', field: 'expireCheckoutSession', args: { id: 'ID!' }, variables: byId },
  }),
  route({
    method: 'get',
    path: '/v1/checkout/sessions',
    params: z.strictObject({
      ...form.list(),
      customer: form.string().optional(),
      payment_intent: form.string().optional(),
      status: z.enum(['open', 'complete', 'expired']).optional(),
      created: form.range().optional(),
    }),
    object: checkoutSessionObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'checkoutSessions',
      args: { ...LIST_ARGS, filter: 'CheckoutSessionListFilter' },
      variables: (params) => ({
        ...listArguments(params),
        filter: { customer: params.customer ?? null, paymentIntent: params.payment_intent ?? null, status: params.status ?? null, created: params.created ?? null },
      }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/checkout/sessions/:id/line_items',
    params: z.strictObject(form.list()),
    object: checkoutSessionLineItemObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'checkoutSessionLineItems',
      args: { id: 'ID!', ...LIST_ARGS },
      variables: (params, path) => ({ id: path.id, ...listArguments(params) }),
    },
  }),
];
