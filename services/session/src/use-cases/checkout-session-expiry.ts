import { newId, PaygateError, requireSecretCaller } from '@paygate/chassis';
import { checkoutPaymentOutcome } from '../domain/checkout-payment-outcome';
import { canExpire, parseCheckoutSessionStatus } from '../domain/checkout-session-status';
import type { SessionTx } from '../db/client';
import type { CheckoutSessionNode, CheckoutSessionRow } from '../db/checkout-session-node';
import { lockCheckoutSession, openSessionsPastExpiry } from '../db/checkout-sessions';
import type { Caller, SessionDeps } from './deps';
import { recordSessionComplete, recordSessionExpired } from './checkout-session-completion';
import { nodeOf, sessionNotFound } from './checkout-sessions';
import { cancelSessionIntent } from './session-payment-intent';

/** Graph calls happen under the session's row lock: the transaction outlives the graph client's 30 s timeout. */
export const SESSION_LOCK_TX = { maxWait: 10_000, timeout: 60_000 } as const;

/**
 * Ends an open session, under its row lock (a payment in flight finishes first). Its PaymentIntent,
 * if the buyer started paying, is canceled first so nothing can pay an expired session; if the intent
 * had succeeded after all (the buyer's request died before it completed the session), the session
 * completes instead: the money was taken. Returns the session as it is now.
 */
export async function closeOpenSession(tx: SessionTx, deps: SessionDeps, account: string, id: string, requestId: string): Promise<CheckoutSessionRow> {
  const row = await lockCheckoutSession(tx, account, id);
  if (!row) throw sessionNotFound(id);
  if (!canExpire(parseCheckoutSessionStatus(row.status))) return row;
  if (row.paymentIntentId) {
    const intent = await cancelSessionIntent(deps, account, row.paymentIntentId, requestId);
    const outcome = checkoutPaymentOutcome(intent.status);
    if (outcome.kind === 'complete') return (await recordSessionComplete(tx, deps, row, outcome.paymentStatus))!;
    if (outcome.kind !== 'void') throw new Error(`payment intent ${intent.id} of session ${id} is ${intent.status} after its cancellation`);
  }
  return (await recordSessionExpired(tx, deps, row))!;
}

/** POST /v1/checkout/sessions/:id/expire: only an open session; Stripe's 400 names the status it has. */
export async function expireCheckoutSession(deps: SessionDeps, caller: Caller, id: string): Promise<CheckoutSessionNode> {
  requireSecretCaller(caller);
  const before = await deps.prisma.checkoutSession.findFirst({ where: { id, account: caller.account }, select: { status: true } });
  if (!before) throw sessionNotFound(id);
  const row = before.status === 'open' ? await deps.prisma.$transaction((tx) => closeOpenSession(tx, deps, caller.account, id, caller.requestId), SESSION_LOCK_TX) : null;
  deps.afterCommit();
  const status = row?.status ?? before.status;
  if (status !== 'expired' || !row) {
    throw new PaygateError('invalid_request', `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${status}\`.`);
  }
  return nodeOf(deps, row);
}

/**
 * The scheduler's task: open sessions whose expires_at has come are closed. One indexed query when
 * none is due; one session's trouble (the charge service away) is logged and retried on the next tick.
 */
export async function expireDueCheckoutSessions(deps: SessionDeps): Promise<number> {
  let moved = 0;
  for (const due of await openSessionsPastExpiry(deps.prisma, deps.clock())) {
    try {
      await deps.prisma.$transaction((tx) => closeOpenSession(tx, deps, due.account, due.id, newId('request')), SESSION_LOCK_TX);
      moved += 1;
    } catch (err) {
      deps.logger.error({ err, checkoutSession: due.id }, 'could not expire a checkout session; retried on the next sweep');
    }
  }
  if (moved > 0) deps.afterCommit();
  return moved;
}
