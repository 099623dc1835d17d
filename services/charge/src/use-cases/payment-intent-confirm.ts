import { idempotently, PaygateError } from '@paygate/chassis';
import { assertClientSecret } from '../domain/client-secret';
import { authenticationFailedError, declinedPaymentError } from '../domain/payment-error';
import { capturesAtOnce, type CaptureMethod, type PaymentIntentStatus } from '../domain/payment-intent-status';
import { assertAwaitingAuthentication, assertConfirmable, assertHasPaymentMethod, statusAfterApproval } from '../domain/payment-intent-transitions';
import type { Shipping, ThreeDSecureResult } from '../db/charge-node';
import type { ChargeTx } from '../db/client';
import { toPaymentIntentNode, type PaymentIntentNode } from '../db/payment-intent-node';
import { markAuthorized, markPaymentFailed, markRequiresAction, updatePaymentIntentDetails, type PaymentIntentDetails, type PaymentIntentRow } from '../db/payment-intents';
import type { Caller } from './caller';
import { attemptCharge } from './charge-attempt';
import type { ChargeDeps } from './deps';
import { lockIntentOrThrow, throwIfDeclined, writeIntentEvent } from './payment-intent-rows';
import { resolvePaymentSource, type ResolvedCard } from './payment-sources';

/** Where the hosted 3-D Secure page lives (the edge serves it). */
function publicUrl(deps: ChargeDeps): string {
  return deps.env.PAYGATE_PUBLIC_URL.replace(/\/+$/, '');
}

/**
 * The edge's hosted challenge page (rest-edge/src/pages/three-d-secure.ts): not key-authenticated,
 * so it names the account and carries the intent's client secret, as Stripe's hosted page does.
 */
function threeDSecureUrl(deps: ChargeDeps, intent: PaymentIntentRow): string {
  const query = new URLSearchParams({ merchant: intent.account, payment_intent: intent.id, payment_intent_client_secret: intent.clientSecret });
  return `${publicUrl(deps)}/3d_secure_2/hosted?${query.toString()}`;
}

/** A test card's 3-D Secure challenge, passed on the hosted page. */
const CHALLENGE_PASSED: ThreeDSecureResult = { authenticationFlow: 'challenge', result: 'authenticated', version: '2.2.0' };

/** Authorize on the network for the intent, then record where the answer leaves it (and its event). */
async function authorizeIntent(tx: ChargeTx, deps: ChargeDeps, intent: PaymentIntentRow, card: ResolvedCard, threeDSecure: ThreeDSecureResult | null): Promise<PaymentIntentRow> {
  const captureMethod = intent.captureMethod as CaptureMethod;
  const capture = capturesAtOnce(captureMethod);
  const { row: charge, decision } = await attemptCharge(tx, deps, {
    account: intent.account,
    money: { amount: intent.amount, currency: intent.currency },
    card,
    capture,
    customer: intent.customer,
    paymentIntentId: intent.id,
    description: intent.description,
    receiptEmail: intent.receiptEmail,
    statementDescriptor: intent.statementDescriptor,
    statementDescriptorSuffix: intent.statementDescriptorSuffix,
    metadata: intent.metadata as Record<string, string>,
    shipping: intent.shipping as Shipping | null,
    threeDSecure,
  });
  if (decision.failure) {
    const failed = await markPaymentFailed(tx, intent.id, declinedPaymentError(decision.failure, { charge: charge.id, paymentMethod: card.paymentMethodId }), charge.id);
    await writeIntentEvent(tx, deps, 'payment_intent.payment_failed', failed);
    return failed;
  }
  const status = statusAfterApproval(captureMethod) as 'succeeded' | 'awaiting_capture';
  const authorized = await markAuthorized(tx, intent.id, {
    status,
    paymentMethodId: card.paymentMethodId,
    latestChargeId: charge.id,
    amountCapturable: capture ? 0 : intent.amount,
    amountReceived: capture ? intent.amount : 0,
    authorizedAt: deps.clock(),
  });
  await writeIntentEvent(tx, deps, capture ? 'payment_intent.succeeded' : 'payment_intent.amount_capturable_updated', authorized);
  return authorized;
}

/**
 * Confirm with a resolved card, in the caller's transaction and under its row lock: a card that
 * demands 3-D Secure sends the customer to the hosted page (requires_action); any other is
 * authorized now.
 */
export async function confirmWithCard(tx: ChargeTx, deps: ChargeDeps, intent: PaymentIntentRow, card: ResolvedCard): Promise<PaymentIntentRow> {
  if (card.behaviour.threeDSecure === 'required') {
    const url = threeDSecureUrl(deps, intent);
    const pending = await markRequiresAction(tx, intent.id, card.paymentMethodId, { type: 'redirect_to_url', redirectToUrl: { url, returnUrl: intent.returnUrl } });
    await writeIntentEvent(tx, deps, 'payment_intent.requires_action', pending);
    return pending;
  }
  return authorizeIntent(tx, deps, intent, card, null);
}

export interface PaymentIntentConfirmParams {
  captureMethod?: CaptureMethod | null;
  paymentMethod?: string | null;
  receiptEmail?: string | null;
  returnUrl?: string | null;
  setupFutureUsage?: 'off_session' | 'on_session' | null;
  shipping?: Shipping | null;
}

/** A browser (publishable key) may confirm only with the intent's client secret, and only what it may confirm itself. */
function assertMayConfirm(caller: Caller, intent: PaymentIntentRow, clientSecret: string | null | undefined): void {
  if (caller.keyType === 'secret') return;
  if (!clientSecret) throw new PaygateError('parameter_missing', 'Confirming a PaymentIntent with a publishable key requires its client_secret.', { param: 'client_secret' });
  assertClientSecret(intent.clientSecret, clientSecret);
  if (intent.confirmationMethod === 'manual') {
    throw new PaygateError('invalid_request', 'This PaymentIntent has confirmation_method manual: it can only be confirmed with a secret key.', {
      param: 'client_secret',
    });
  }
}

/** The confirm-time parameters that update the intent before it is confirmed. */
function confirmDetails(input: PaymentIntentConfirmParams): PaymentIntentDetails {
  const details: PaymentIntentDetails = {};
  if (input.captureMethod) details.captureMethod = input.captureMethod;
  if (input.receiptEmail !== undefined) details.receiptEmail = input.receiptEmail;
  if (input.returnUrl !== undefined) details.returnUrl = input.returnUrl;
  if (input.setupFutureUsage !== undefined) details.setupFutureUsage = input.setupFutureUsage;
  if (input.shipping !== undefined) details.shipping = input.shipping;
  return details;
}

/** POST /v1/payment_intents/:id/confirm. The intent row is locked: two confirms cannot both charge. */
export async function confirmPaymentIntent(
  deps: ChargeDeps,
  caller: Caller,
  id: string,
  input: PaymentIntentConfirmParams | null | undefined,
  clientSecret: string | null | undefined,
): Promise<PaymentIntentNode> {
  const params = input ?? {};
  const { account } = caller;
  const row = await deps.prisma.$transaction(async (tx) => {
    const locked = await lockIntentOrThrow(tx, account, id);
    assertMayConfirm(caller, locked, clientSecret);
    return idempotently(tx, { account, key: caller.idempotencyKey, operation: 'payment_intent.confirm', objectId: id }, async () => locked, async () => {
      assertConfirmable({ id, status: locked.status as PaymentIntentStatus });
      const ref = params.paymentMethod ?? locked.paymentMethodId;
      assertHasPaymentMethod({ id, customer: locked.customer }, ref);
      const details = confirmDetails(params);
      const intent = Object.keys(details).length > 0 ? await updatePaymentIntentDetails(tx, id, details) : locked;
      return confirmWithCard(tx, deps, intent, await resolvePaymentSource(tx, deps, account, ref, 'payment_method'));
    });
  });
  deps.afterCommit();
  throwIfDeclined(row);
  return toPaymentIntentNode(row);
}

export type ThreeDSecureOutcome = 'complete' | 'fail';

/**
 * The hosted 3-D Secure page's answer, authorized by the client secret. complete → authorize and
 * go on; fail → requires_payment_method with payment_intent_authentication_failure. The state
 * check under the row lock makes a second submission an error, not a second charge. The page
 * renders the intent either way, so a decline after authentication is returned, not thrown.
 */
export async function completeThreeDSecure(deps: ChargeDeps, caller: Caller, id: string, clientSecret: string, outcome: ThreeDSecureOutcome): Promise<PaymentIntentNode> {
  const row = await deps.prisma.$transaction(async (tx) => {
    const intent = await lockIntentOrThrow(tx, caller.account, id);
    assertClientSecret(intent.clientSecret, clientSecret);
    assertAwaitingAuthentication({ id, status: intent.status as PaymentIntentStatus });
    if (outcome === 'fail') {
      const failed = await markPaymentFailed(tx, id, authenticationFailedError(intent.paymentMethodId), null);
      await writeIntentEvent(tx, deps, 'payment_intent.payment_failed', failed);
      return failed;
    }
    const card = await resolvePaymentSource(tx, deps, caller.account, intent.paymentMethodId!, 'payment_method');
    return authorizeIntent(tx, deps, intent, card, CHALLENGE_PASSED);
  });
  deps.afterCommit();
  return toPaymentIntentNode(row);
}
