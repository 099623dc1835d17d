import { fail, type PaygateError } from '@paygate/chassis';
import { redactCardNumbers } from '../domain/card-number';

/** Stripe's `No such token: 'tok_…'`, never echoing what might be a card number sent as an id. */
export function notFound(kind: string, id: string, param?: string): PaygateError {
  return fail.missing(kind, redactCardNumbers(id.slice(0, 200)), param);
}
