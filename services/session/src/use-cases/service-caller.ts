import type { GraphCaller } from '@paygate/chassis';

/**
 * The session service calling another service through the graph for one account: signed as a
 * service (never with the merchant's key or Idempotency-Key), with a key derived from the session
 * when the call has an effect, so a retry finds the effect the first call made.
 */
export function serviceCaller(account: string, requestId: string, idempotencyKey?: string): GraphCaller {
  return { account, keyType: 'service', requestId, ...(idempotencyKey ? { idempotencyKey } : {}) };
}

/** The idempotency keys of a session's effects elsewhere, one per effect. */
export const sessionEffectKey = (sessionId: string, effect: string) => `checkout_session:${sessionId}:${effect}`;
