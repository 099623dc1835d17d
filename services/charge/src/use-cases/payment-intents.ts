import { idempotently, mergeMetadata, newId, requireSecretCaller, type ListArgs, type Page } from '@paygate/chassis';
import { assertClientSecret, newClientSecret } from '../domain/client-secret';
import type { CaptureMethod, PaymentIntentStatus } from '../domain/payment-intent-status';
import { assertHasPaymentMethod, assertUpdatable, statusAfterUpdate } from '../domain/payment-intent-transitions';
import { assertStatementDescriptors, parseMoney, parsePaymentMethodTypes } from '../domain/payment-params';
import type { Shipping } from '../db/charge-node';
import { json, nullableJson } from '../db/json-column';
import { toPaymentIntentNode, type PaymentIntentNode } from '../db/payment-intent-node';
import * as store from '../db/payment-intents';
import type { SearchArgs, SearchResult } from '../db/search-page';
import type { Caller } from './caller';
import { assertCustomerExists } from './customer-exists';
import type { ChargeDeps } from './deps';
import { confirmWithCard } from './payment-intent-confirm';
import { findIntentOrThrow, intentNotFound, lockIntentOrThrow, throwIfDeclined, writeIntentEvent } from './payment-intent-rows';
import { resolvePaymentSource } from './payment-sources';

export interface PaymentIntentCreateParams {
  amount: number;
  currency: string;
  automaticPaymentMethods?: { enabled: boolean; allowRedirects?: string | null } | null;
  captureMethod?: CaptureMethod | null;
  confirm?: boolean | null;
  confirmationMethod?: 'automatic' | 'manual' | null;
  customer?: string | null;
  description?: string | null;
  metadata?: Record<string, string> | null;
  paymentMethod?: string | null;
  paymentMethodTypes?: string[] | null;
  receiptEmail?: string | null;
  returnUrl?: string | null;
  setupFutureUsage?: 'off_session' | 'on_session' | null;
  shipping?: Shipping | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
}

/**
 * POST /v1/payment_intents (with confirm=true, created and confirmed in one transaction). A decline
 * is committed — the intent back in requires_payment_method, the failed charge kept — then thrown.
 */
export async function createPaymentIntent(deps: ChargeDeps, caller: Caller, input: PaymentIntentCreateParams): Promise<PaymentIntentNode> {
  requireSecretCaller(caller);
  const money = parseMoney(input.amount, input.currency);
  assertStatementDescriptors(input);
  const paymentMethodTypes = parsePaymentMethodTypes(input.paymentMethodTypes, input.automaticPaymentMethods);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  if (input.confirm) assertHasPaymentMethod({ id: null, customer: input.customer ?? null }, input.paymentMethod);
  const { account } = caller;
  await assertCustomerExists(deps, account, caller.requestId, input.customer);
  const id = newId('paymentIntent');
  const row = await deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: caller.idempotencyKey, operation: 'payment_intent.create', objectId: id }, (existing) => findIntentOrThrow(tx, account, existing), async () => {
      const card = input.paymentMethod ? await resolvePaymentSource(tx, deps, account, input.paymentMethod, 'payment_method') : null;
      const status: PaymentIntentStatus = card ? 'awaiting_confirmation' : 'awaiting_payment_method';
      const created = await store.insertPaymentIntent(tx, {
        id,
        account,
        created: deps.clock(),
        amount: money.amount,
        currency: money.currency,
        status,
        clientSecret: newClientSecret(id),
        captureMethod: input.captureMethod ?? 'automatic',
        confirmationMethod: input.confirmationMethod ?? 'automatic',
        customer: input.customer ?? null,
        paymentMethodId: card?.paymentMethodId ?? null,
        paymentMethodTypes: json(paymentMethodTypes),
        automaticPaymentMethods: nullableJson(input.automaticPaymentMethods ? { enabled: input.automaticPaymentMethods.enabled, allowRedirects: input.automaticPaymentMethods.allowRedirects ?? null } : null),
        description: input.description ?? null,
        receiptEmail: input.receiptEmail ?? null,
        returnUrl: input.returnUrl ?? null,
        setupFutureUsage: input.setupFutureUsage ?? null,
        shipping: nullableJson(input.shipping ?? null),
        statementDescriptor: input.statementDescriptor ?? null,
        statementDescriptorSuffix: input.statementDescriptorSuffix ?? null,
        metadata,
      });
      await writeIntentEvent(tx, deps, 'payment_intent.created', created);
      return card && input.confirm ? confirmWithCard(tx, deps, created, card) : created;
    }),
  );
  deps.afterCommit();
  if (input.confirm) throwIfDeclined(row);
  return toPaymentIntentNode(row);
}

/**
 * GET /v1/payment_intents/:id. With a secret key any intent of the account; a publishable key
 * must bring the intent's client secret (Stripe.js retrieves that way), else it is not found.
 */
export async function retrievePaymentIntent(deps: ChargeDeps, caller: Caller, id: string, clientSecret: string | null | undefined): Promise<PaymentIntentNode> {
  const row = await findIntentOrThrow(deps.prisma, caller.account, id);
  if (caller.keyType === 'publishable') {
    if (!clientSecret) throw intentNotFound(id);
    assertClientSecret(row.clientSecret, clientSecret);
  }
  return toPaymentIntentNode(row);
}

export async function findPaymentIntentNode(deps: ChargeDeps, account: string, id: string): Promise<PaymentIntentNode | null> {
  const row = await store.findPaymentIntent(deps.prisma, account, id);
  return row ? toPaymentIntentNode(row) : null;
}

export type PaymentIntentUpdateParams = {
  [K in 'amount' | 'currency' | 'captureMethod' | 'customer' | 'description' | 'metadata' | 'paymentMethod' | 'paymentMethodTypes' | 'receiptEmail'
    | 'setupFutureUsage' | 'shipping' | 'statementDescriptor' | 'statementDescriptorSuffix']?: PaymentIntentCreateParams[K] | null;
};

/** Fields that shape the payment (wire names, for the error): only before it is made. */
const PAYMENT_FIELDS = [
  ['amount', 'amount'], ['currency', 'currency'], ['captureMethod', 'capture_method'], ['customer', 'customer'],
  ['paymentMethod', 'payment_method'], ['paymentMethodTypes', 'payment_method_types'], ['setupFutureUsage', 'setup_future_usage'],
] as const;

/** POST /v1/payment_intents/:id. Any update clears last_payment_error; a new payment method needs confirming again. */
export async function updatePaymentIntent(deps: ChargeDeps, caller: Caller, id: string, input: PaymentIntentUpdateParams): Promise<PaymentIntentNode> {
  requireSecretCaller(caller);
  assertStatementDescriptors(input);
  const { account } = caller;
  const row = await deps.prisma.$transaction(async (tx) => {
    const intent = await lockIntentOrThrow(tx, account, id);
    const status = intent.status as PaymentIntentStatus;
    assertUpdatable({ id, status }, PAYMENT_FIELDS.filter(([field]) => input[field] !== undefined && input[field] !== null).map(([, wire]) => wire));
    const details: store.PaymentIntentDetails = { lastPaymentError: null };
    if (input.amount != null || input.currency != null) {
      const money = parseMoney(input.amount ?? intent.amount, input.currency ?? intent.currency);
      details.amount = money.amount;
      details.currency = money.currency;
    }
    if (input.captureMethod) details.captureMethod = input.captureMethod;
    if (input.customer) details.customer = input.customer;
    if (input.paymentMethodTypes) details.paymentMethodTypes = parsePaymentMethodTypes(input.paymentMethodTypes, null);
    if (input.setupFutureUsage) details.setupFutureUsage = input.setupFutureUsage;
    if (input.paymentMethod) details.paymentMethodId = (await resolvePaymentSource(tx, deps, account, input.paymentMethod, 'payment_method')).paymentMethodId;
    if (input.description !== undefined) details.description = input.description;
    if (input.receiptEmail !== undefined) details.receiptEmail = input.receiptEmail;
    if (input.shipping !== undefined) details.shipping = input.shipping;
    if (input.statementDescriptor !== undefined) details.statementDescriptor = input.statementDescriptor;
    if (input.statementDescriptorSuffix !== undefined) details.statementDescriptorSuffix = input.statementDescriptorSuffix;
    if (input.metadata !== undefined) details.metadata = mergeMetadata(intent.metadata as Record<string, string>, input.metadata);
    const next = statusAfterUpdate(status, { paymentMethod: Boolean(input.paymentMethod), amount: details.amount !== undefined });
    if (next !== status) Object.assign(details, { status: next, nextAction: null });
    return store.updatePaymentIntentDetails(tx, id, details);
  });
  return toPaymentIntentNode(row);
}

export async function listPaymentIntents(deps: ChargeDeps, caller: Caller, filter: store.PaymentIntentListFilter | null | undefined, args: ListArgs): Promise<Page<PaymentIntentNode>> {
  requireSecretCaller(caller);
  const page = await store.listPaymentIntents(deps.prisma, caller.account, filter, args);
  return { data: page.data.map(toPaymentIntentNode), hasMore: page.hasMore };
}

export async function searchPaymentIntents(deps: ChargeDeps, caller: Caller, query: string, args: SearchArgs): Promise<SearchResult<PaymentIntentNode>> {
  requireSecretCaller(caller);
  const result = await store.searchPaymentIntents(deps.prisma, caller.account, query, args);
  return { ...result, data: result.data.map(toPaymentIntentNode) };
}
