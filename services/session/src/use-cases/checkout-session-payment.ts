import { ERROR_CATALOG, isErrorCode, PaygateError } from '@paygate/chassis';
import { checkoutReturnUrl } from '../domain/checkout-page';
import { checkoutPaymentOutcome } from '../domain/checkout-payment-outcome';
import { isPastExpiry } from '../domain/checkout-session-expiry';
import { successUrlFor } from '../domain/checkout-session-params';
import type { SessionTx } from '../db/client';
import type { CheckoutSessionNode, CheckoutSessionRow } from '../db/checkout-session-node';
import { linkPaymentIntent, lockCheckoutSession, recordBuyer, recordCreatedCustomer, type Buyer } from '../db/checkout-sessions';
import type { Caller, SessionDeps } from './deps';
import { recordSessionComplete } from './checkout-session-completion';
import { closeOpenSession, SESSION_LOCK_TX } from './checkout-session-expiry';
import { nodeOf, sessionForPage, sessionNotFound } from './checkout-sessions';
import { createCheckoutCustomer } from './session-customer';
import { confirmSessionIntent, createSessionIntent, readSessionIntent, type SessionIntent } from './session-payment-intent';

export interface CheckoutSessionCompleteParams {
  paymentMethod: string;
  email: string;
  name?: string | null;
}

/** Where the buyer goes next: success_url once complete, the 3-D Secure page while authentication is due. */
export interface CheckoutSessionPayment {
  session: CheckoutSessionNode;
  redirectUrl: string;
}

/** How an attempt ended: an answer for the page, or an error to throw once the transaction has committed. */
type Settled = { kind: 'answer'; payment: CheckoutSessionPayment } | { kind: 'failed'; error: unknown };

const noLongerOpen = () => new PaygateError('invalid_request', 'This Checkout Session is no longer active: it has expired.');

function completed(deps: SessionDeps, row: CheckoutSessionRow): CheckoutSessionPayment {
  return { session: nodeOf(deps, row), redirectUrl: successUrlFor(row.successUrl ?? '', row.id) };
}

/** A session that is not open answers by itself: complete → its success_url (a second submission lands there too); expired → an error. */
function settledAlready(deps: SessionDeps, row: CheckoutSessionRow): Settled | null {
  if (row.status === 'complete') return { kind: 'answer', payment: completed(deps, row) };
  if (row.status === 'expired') return { kind: 'failed', error: noLongerOpen() };
  return null;
}

/** Before paying: not open, or past expires_at (then closed now, which the sweep would do a moment later). */
async function answerIfNotPayable(deps: SessionDeps, row: CheckoutSessionRow, requestId: string): Promise<Settled | null> {
  const early = settledAlready(deps, row);
  if (early || !isPastExpiry(row.expiresAt, deps.clock())) return early;
  const closed = await deps.prisma.$transaction((tx) => closeOpenSession(tx, deps, row.account, row.id, requestId), SESSION_LOCK_TX);
  deps.afterCommit();
  return settledAlready(deps, closed);
}

/**
 * Step 1, committed before any confirm so a crash never loses them: the buyer's details, the customer
 * (customer_creation=always) and the session's one PaymentIntent (created with the session's key, so
 * asking again finds the same intent). Under the row lock: two submissions never make two customers.
 */
async function prepare(tx: SessionTx, deps: SessionDeps, account: string, id: string, buyer: Buyer, requestId: string): Promise<Settled | SessionIntent> {
  const row = await lockCheckoutSession(tx, account, id);
  if (!row) throw sessionNotFound(id);
  const early = settledAlready(deps, row);
  if (early) return early;
  await recordBuyer(tx, id, buyer);
  let customerId = row.customerId ?? row.createdCustomerId;
  if (!customerId && row.customerCreation === 'always') {
    customerId = await createCheckoutCustomer(deps, account, requestId, id, buyer);
    await recordCreatedCustomer(tx, id, customerId);
  }
  if (row.paymentIntentId) return readSessionIntent(deps, account, row.paymentIntentId, requestId);
  const intent = await createSessionIntent(deps, row, customerId, requestId);
  await linkPaymentIntent(tx, id, intent.id);
  return intent;
}

/** Step 2's record: what the intent's status means for the session, in the transaction holding its lock. */
async function settleWithIntent(tx: SessionTx, deps: SessionDeps, row: CheckoutSessionRow, intent: SessionIntent): Promise<Settled> {
  const outcome = checkoutPaymentOutcome(intent.status);
  switch (outcome.kind) {
    case 'complete': {
      const done = (await recordSessionComplete(tx, deps, row, outcome.paymentStatus)) ?? (await lockCheckoutSession(tx, row.account, row.id))!;
      return settledAlready(deps, done)!;
    }
    case 'authenticate': {
      const url = intent.nextAction?.redirectToUrl?.url;
      if (!url) throw new Error(`payment intent ${intent.id} requires an action without a redirect`);
      return { kind: 'answer', payment: { session: nodeOf(deps, row), redirectUrl: url } };
    }
    case 'retry': {
      const last = intent.lastPaymentError;
      const code = last?.code && isErrorCode(last.code) ? last.code : 'invalid_request';
      return { kind: 'failed', error: new PaygateError(code, last?.message ?? 'Your payment could not be completed. Please try again.') };
    }
    case 'void':
      return { kind: 'failed', error: noLongerOpen() };
    default: {
      const unhandled: never = outcome;
      throw new Error(`Unhandled checkout payment outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

const isCardError = (err: unknown) => err instanceof PaygateError && ERROR_CATALOG[err.code].type === 'card_error';

function answer(settled: Settled): CheckoutSessionPayment {
  if (settled.kind === 'failed') throw settled.error;
  return settled.payment;
}

/**
 * The hosted page's payment (the card is already a pm_ in the charge service's vault). Step 1 prepares
 * (see prepare); step 2 confirms under the session's row lock and records the outcome in the same
 * transaction: complete with checkout.session.completed, or 3-D Secure, or the decline thrown with the
 * session still open. A second submission waits for the first and then finds the session complete.
 */
export async function completeCheckoutSession(deps: SessionDeps, caller: Caller, id: string, secret: string, input: CheckoutSessionCompleteParams): Promise<CheckoutSessionPayment> {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 512) throw new PaygateError('invalid_request', 'Your email address is invalid.', { param: 'email' });
  const row = await sessionForPage(deps, caller, id, secret);
  const early = await answerIfNotPayable(deps, row, caller.requestId);
  if (early) return answer(early);
  const buyer: Buyer = { email, name: input.name?.trim() || null };
  const prepared = await deps.prisma.$transaction((tx) => prepare(tx, deps, row.account, id, buyer, caller.requestId), SESSION_LOCK_TX);
  if ('kind' in prepared) return answer(prepared);
  const settled = await deps.prisma.$transaction(async (tx): Promise<Settled> => {
    const locked = (await lockCheckoutSession(tx, row.account, id))!;
    const early = settledAlready(deps, locked);
    if (early) return early;
    const returnUrl = checkoutReturnUrl(deps.publicUrl, { id, account: row.account, pageSecret: row.pageSecret! });
    let intent: SessionIntent;
    try {
      intent = await confirmSessionIntent(deps, prepared, { account: row.account, sessionId: id, paymentMethod: input.paymentMethod, returnUrl, requestId: caller.requestId });
    } catch (err) {
      // A decline is the buyer's to see; the charge service has recorded it, the session stays open.
      if (isCardError(err)) return { kind: 'failed', error: err };
      throw err;
    }
    return settleWithIntent(tx, deps, locked, intent);
  }, SESSION_LOCK_TX);
  deps.afterCommit();
  return answer(settled);
}

/** Back from the hosted 3-D Secure page: the intent says whether the session completes, or why not. */
export async function resumeCheckoutSession(deps: SessionDeps, caller: Caller, id: string, secret: string): Promise<CheckoutSessionPayment> {
  const row = await sessionForPage(deps, caller, id, secret);
  const early = await answerIfNotPayable(deps, row, caller.requestId);
  if (early) return answer(early);
  if (!row.paymentIntentId) throw new PaygateError('invalid_request', 'This Checkout Session has no payment to resume.');
  const intentId = row.paymentIntentId;
  const settled = await deps.prisma.$transaction(async (tx): Promise<Settled> => {
    const locked = (await lockCheckoutSession(tx, row.account, id))!;
    return settledAlready(deps, locked) ?? settleWithIntent(tx, deps, locked, await readSessionIntent(deps, row.account, intentId, caller.requestId));
  }, SESSION_LOCK_TX);
  deps.afterCommit();
  return answer(settled);
}
