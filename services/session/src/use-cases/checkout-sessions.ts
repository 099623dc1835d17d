import { fail, idempotently, mergeMetadata, newId, requireSecretCaller, type ListArgs, type Metadata, type Page } from '@paygate/chassis';
import { checkoutPageSecretMatches, newCheckoutPageSecret } from '../domain/checkout-page';
import { planCheckoutSession, type CheckoutSessionCreateParams } from '../domain/checkout-session-params';
import type { PrismaClient, SessionTx } from '../db/client';
import { newCheckoutSessionLineItemId, newInlinePriceId, newInlineProductId } from '../db/checkout-session-line-items';
import { toCheckoutSessionNode, type CheckoutSessionNode, type CheckoutSessionRow } from '../db/checkout-session-node';
import * as store from '../db/checkout-sessions';
import type { Caller, SessionDeps } from './deps';
import { assertCustomerOfAccount } from './session-customer';

export const sessionNotFound = (id: string) => fail.missing('checkout session', id);

export async function sessionOrThrow(db: PrismaClient | SessionTx, account: string, id: string): Promise<CheckoutSessionRow> {
  const row = await store.findCheckoutSession(db, account, id);
  if (!row) throw sessionNotFound(id);
  return row;
}

export const nodeOf = (deps: SessionDeps, row: CheckoutSessionRow) => toCheckoutSessionNode(row, deps.publicUrl);

/**
 * POST /v1/checkout/sessions: every rule is checked (the customer with the customer service) before
 * anything is written; then the session and its lines in one transaction, with the Idempotency-Key.
 */
export async function createCheckoutSession(deps: SessionDeps, caller: Caller, input: CheckoutSessionCreateParams): Promise<CheckoutSessionNode> {
  requireSecretCaller(caller);
  const { account } = caller;
  const created = deps.clock();
  const plan = planCheckoutSession(input, created);
  await assertCustomerOfAccount(deps, account, caller.requestId, plan.customer);
  const id = newId('checkoutSession');
  const row = await deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: caller.idempotencyKey, operation: 'checkout_session.create', objectId: id }, (existing) => sessionOrThrow(tx, account, existing), () =>
      store.insertCheckoutSession(
        tx,
        {
          id,
          account,
          created,
          expiresAt: plan.expiresAt,
          mode: plan.mode,
          paymentStatus: plan.paymentStatus,
          amountSubtotal: plan.amountSubtotal,
          amountTotal: plan.amountTotal,
          currency: plan.currency,
          customerId: plan.customer,
          customerEmail: plan.customerEmail,
          customerCreation: plan.customerCreation,
          clientReferenceId: plan.clientReferenceId,
          successUrl: plan.successUrl,
          cancelUrl: plan.cancelUrl,
          submitType: plan.submitType,
          paymentMethodTypes: ['card'],
          metadata: plan.metadata,
          paymentIntentData: plan.paymentIntentData,
          pageSecret: newCheckoutPageSecret(),
        },
        plan.lines.map((line) => ({ ...line, id: newCheckoutSessionLineItemId(), priceId: newInlinePriceId(), productId: newInlineProductId() })),
      ),
    ),
  );
  return nodeOf(deps, row);
}

/**
 * The hosted page's caller (a publishable context signed by the edge) reads a session only with its
 * page secret; a wrong one is the same 404 as an unknown id. A secret key reads any of the account's.
 */
export async function sessionForPage(deps: SessionDeps, caller: Caller, id: string, secret: string | null | undefined): Promise<CheckoutSessionRow> {
  const row = await sessionOrThrow(deps.prisma, caller.account, id);
  if (secret !== null && secret !== undefined) {
    if (!checkoutPageSecretMatches(row.pageSecret, secret)) throw sessionNotFound(id);
    return row;
  }
  requireSecretCaller(caller);
  return row;
}

export async function retrieveCheckoutSession(deps: SessionDeps, caller: Caller, id: string, secret: string | null | undefined): Promise<CheckoutSessionNode> {
  return nodeOf(deps, await sessionForPage(deps, caller, id, secret));
}

/** For references (CheckoutSession.__resolveReference): null when not this account's. */
export async function findCheckoutSessionNode(deps: SessionDeps, account: string, id: string): Promise<CheckoutSessionNode | null> {
  const row = await store.findCheckoutSession(deps.prisma, account, id);
  return row ? nodeOf(deps, row) : null;
}

export async function listCheckoutSessions(deps: SessionDeps, caller: Caller, filter: store.CheckoutSessionListFilter | null | undefined, args: ListArgs): Promise<Page<CheckoutSessionNode>> {
  requireSecretCaller(caller);
  return listCheckoutSessionsOf(deps, caller.account, filter, args);
}

/** Also Customer.checkoutSessions (the customer itself was resolved by its own service). */
export async function listCheckoutSessionsOf(deps: SessionDeps, account: string, filter: store.CheckoutSessionListFilter | null | undefined, args: ListArgs): Promise<Page<CheckoutSessionNode>> {
  const page = await store.listCheckoutSessions(deps.prisma, account, filter, args);
  return { data: page.data.map((row) => nodeOf(deps, row)), hasMore: page.hasMore };
}

/** POST /v1/checkout/sessions/:id: metadata only (merged; '' unsets a key). Stripe sends no event for it. */
export async function updateCheckoutSession(deps: SessionDeps, caller: Caller, id: string, input: { metadata?: Metadata | null }): Promise<CheckoutSessionNode> {
  requireSecretCaller(caller);
  const row = await deps.prisma.$transaction(async (tx) => {
    const locked = await store.lockCheckoutSession(tx, caller.account, id);
    if (!locked) throw sessionNotFound(id);
    if (input.metadata === undefined) return locked;
    return store.updateCheckoutSessionMetadata(tx, id, mergeMetadata(locked.metadata as Metadata, input.metadata));
  });
  return nodeOf(deps, row);
}
