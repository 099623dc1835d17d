import { z } from 'zod';
import { tokenObject } from '../objects/token';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf } from '../http/wire';
import { byId, retrieveParams } from './shared-params';

/** /v1/tokens — single-use card tokens in the charge service's vault (Stripe.js makes them with a publishable key). */
export const tokenRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/tokens',
    publishable: true,
    params: z.strictObject({
      card: z.strictObject({
        number: form.cardNumber(),
        exp_month: form.integer(),
        exp_year: form.integer(),
        cvc: form.cardNumber().optional(),
        name: form.string().optional(),
        address_line1: form.string().optional(),
        address_line2: form.string().optional(),
        address_city: form.string().optional(),
        address_state: form.string().optional(),
        address_zip: form.string().optional(),
        address_country: form.string().optional(),
        currency: form.string().optional(),
      }),
      expand: form.expand().optional(),
    }),
    object: tokenObject,
    operation: {
      kind: 'mutation',
      field: 'createToken',
      args: { input: 'TokenCreateInput!' },
      variables: (params) => ({ input: inputOf({ card: { ...params.card, currency: undefined } }) }),
    },
  }),
  route({
    method: 'get',
    path: '/v1/tokens/:id',
    params: retrieveParams,
    object: tokenObject,
    operation: { kind: 'query', field: 'token', args: { id: 'ID!' }, variables: byId },
  }),
];
