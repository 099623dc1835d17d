import { PaygateError, type SubgraphContext } from '@paygate/chassis';

/** Who is asking: the verified account, the key type, the request id and the request's Idempotency-Key. */
export type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'idempotencyKey' | 'requestId'>;

/**
 * A publishable key may create tokens and payment methods and confirm with a client secret, nothing
 * more (Stripe's 403). Another service (keyType service: the refund service reading a charge) may do
 * what a secret key may.
 */
export function requireSecretKey(caller: Caller): void {
  if (caller.keyType === 'secret' || caller.keyType === 'service') return;
  throw new PaygateError(
    'permission_denied',
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  );
}
