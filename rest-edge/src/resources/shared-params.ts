import { z } from 'zod';
import { form } from '../http/params';

/** Params several resources take the same way. */
export const addressParams = z.strictObject({
  city: form.string().optional(),
  country: form.string().optional(),
  line1: form.string().optional(),
  line2: form.string().optional(),
  postal_code: form.string().optional(),
  state: form.string().optional(),
});

export const shippingParams = z.strictObject({
  address: addressParams,
  carrier: form.string().optional(),
  name: form.string(),
  phone: form.string().optional(),
  tracking_number: form.string().optional(),
});

export const billingDetailsParams = z.strictObject({
  address: addressParams.optional(),
  email: form.nullableString().optional(),
  name: form.nullableString().optional(),
  phone: form.nullableString().optional(),
});

export const retrieveParams = z.strictObject({ expand: form.expand().optional() });

export const byId = (_params: unknown, path: Record<string, string>) => ({ id: path.id });

export const searchParams = z.strictObject({ query: form.string(), limit: form.integer().optional(), page: form.string().optional(), expand: form.expand().optional() });
export const SEARCH_ARGS = { query: 'String!', limit: 'Int', page: 'String' } as const;
export const searchVariables = (params: z.infer<typeof searchParams>) => ({ query: params.query, limit: params.limit ?? null, page: params.page ?? null });
