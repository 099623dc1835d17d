import type { SubgraphContext } from '@paygate/chassis';

/** Who is asking: the verified account, the key type, the request id and the request's Idempotency-Key. */
export type Caller = Pick<SubgraphContext, 'account' | 'keyType' | 'idempotencyKey' | 'requestId'>;
