import { buildEvent, hasIdShape, idempotently, mergeMetadata, newId, PaygateError, writeOutboxEvent, type ListArgs, type Page } from '@paygate/chassis';
import { applyBillingDetails, EMPTY_BILLING_DETAILS, type BillingDetails, type BillingDetailsInput } from '../domain/billing-details';
import { checksAtUse, type CardNode } from '../domain/card-details';
import { attachDecline } from '../domain/card-declines';
import { checkExpiry, checkRawCard } from '../domain/card-input';
import { isMagicToken, isPaymentMethodAlias, testCardForAlias, type TestCard } from '../domain/test-cards';
import type { ChargeTx } from '../db/client';
import * as store from '../db/payment-methods';
import { vaultedCardBehaviour } from '../db/vault';
import { assertCustomerExists } from './customer-exists';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { tokenCardParts, useToken, type TokenCard } from './tokens';
import { vaultCard, vaultTestCard } from './vault-card';

/** The payment method as the graph shows it; `customer` is an id (the resolver makes the reference). */
export interface PaymentMethodNode {
  id: string;
  type: 'card';
  billingDetails: BillingDetails;
  card: CardNode;
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Record<string, string>;
}

export interface PaymentMethodCreateInput {
  type: 'card';
  card?: { number?: string | null; expMonth?: number | null; expYear?: number | null; cvc?: string | null; token?: string | null } | null;
  billingDetails?: BillingDetailsInput | null;
  metadata?: Record<string, string> | null;
}

export interface PaymentMethodUpdateInput {
  billingDetails?: BillingDetailsInput | null;
  card?: { expMonth?: number | null; expYear?: number | null } | null;
  metadata?: Record<string, string> | null;
}

export function toPaymentMethodNode(row: store.PaymentMethodRow): PaymentMethodNode {
  return {
    id: row.id, type: 'card', billingDetails: row.billingDetails as unknown as BillingDetails, card: row.card as unknown as CardNode,
    created: row.created, customer: row.customer, livemode: false, metadata: row.metadata as Record<string, string>,
  };
}

async function findOrThrow(db: ChargeTx, account: string, id: string): Promise<store.PaymentMethodRow> {
  const row = await store.findPaymentMethod(db, account, id);
  if (!row) throw notFound('PaymentMethod', id);
  return row;
}

async function insert(tx: ChargeTx, deps: ChargeDeps, account: string, id: string, vaulted: { vaultCardId: string; card: CardNode }, billingDetails: BillingDetails, metadata: Record<string, string>) {
  return store.insertPaymentMethod(tx, { id, account, created: deps.clock(), vaultCardId: vaulted.vaultCardId, card: vaulted.card, billingDetails: billingDetails, metadata });
}

/** A pm_card_* alias or magic token used where a payment method is expected makes a new payment method, as Stripe does. */
export async function createPaymentMethodFromTestCard(tx: ChargeTx, deps: ChargeDeps, account: string, testCard: TestCard): Promise<store.PaymentMethodRow> {
  return insert(tx, deps, account, newId('paymentMethod'), await vaultTestCard(tx, deps, account, testCard), EMPTY_BILLING_DETAILS, {});
}

/** The card of a real or magic token (used up here, if real), with the token's cardholder as billing details. */
async function cardFromToken(tx: ChargeTx, deps: ChargeDeps, account: string, token: string) {
  if (isMagicToken(token)) return { vaulted: await vaultTestCard(tx, deps, account, testCardForAlias(token)!), holder: EMPTY_BILLING_DETAILS };
  const row = await useToken(tx, account, token, 'card[token]');
  const { card, holder } = tokenCardParts(row.card as unknown as TokenCard);
  return { vaulted: { vaultCardId: row.cardId, card: { ...card, checks: checksAtUse(card.checks) } }, holder };
}

export async function createPaymentMethod(deps: ChargeDeps, account: string, input: PaymentMethodCreateInput, idempotencyKey: string | null): Promise<PaymentMethodNode> {
  const card = input.card;
  if (!card) throw new PaygateError('parameter_missing', 'Missing required param: card.', { param: 'card' });
  if (card.token && card.number) throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: card[number], card[token].', { param: 'card[token]' });
  if (!card.token && !card.number) throw new PaygateError('parameter_missing', 'Missing required param: card[number].', { param: 'card[number]' });
  for (const field of ['expMonth', 'expYear'] as const) {
    if (card.number && (card[field] === null || card[field] === undefined)) {
      throw new PaygateError('parameter_missing', `Missing required param: card[${field === 'expMonth' ? 'exp_month' : 'exp_year'}].`, { param: `card[${field === 'expMonth' ? 'exp_month' : 'exp_year'}]` });
    }
  }
  const checked = card.number ? checkRawCard({ number: card.number, expMonth: card.expMonth!, expYear: card.expYear!, cvc: card.cvc }, deps.clock()) : null;
  const metadata = mergeMetadata({}, input.metadata ?? undefined);
  const id = newId('paymentMethod');
  return deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: idempotencyKey, operation: 'createPaymentMethod', objectId: id }, async (existing) => toPaymentMethodNode(await findOrThrow(tx, account, existing)), async () => {
      const source = checked
        ? { vaulted: await vaultCard(tx, deps, account, { ...checked, checks: { addressLine1Check: null, addressPostalCodeCheck: null, cvcCheck: checked.cvcProvided ? 'pass' : null } }), holder: EMPTY_BILLING_DETAILS }
        : await cardFromToken(tx, deps, account, card.token!);
      const billingDetails = applyBillingDetails(source.holder, input.billingDetails);
      return toPaymentMethodNode(await insert(tx, deps, account, id, source.vaulted, billingDetails, metadata));
    }),
  );
}

/** For federation: another account's or an unknown id is simply null. */
export async function findPaymentMethodNode(deps: ChargeDeps, account: string, id: string): Promise<PaymentMethodNode | null> {
  const row = await store.findPaymentMethod(deps.prisma, account, id);
  return row ? toPaymentMethodNode(row) : null;
}

export async function retrievePaymentMethod(deps: ChargeDeps, account: string, id: string): Promise<PaymentMethodNode> {
  return toPaymentMethodNode(await findOrThrow(deps.prisma, account, id));
}

export async function listPaymentMethods(deps: ChargeDeps, account: string, filter: { customer?: string | null; type?: string | null }, args: ListArgs): Promise<Page<PaymentMethodNode>> {
  return store.listPaymentMethods(deps.prisma, account, filter, args, toPaymentMethodNode);
}

/** Writes the payment method's event in the effect's transaction; the relay is nudged after commit. */
async function recordEvent(tx: ChargeTx, deps: ChargeDeps, type: 'payment_method.attached' | 'payment_method.detached' | 'payment_method.updated', account: string, node: PaymentMethodNode) {
  await writeOutboxEvent(tx, buildEvent(type, account, { object: 'payment_method', ...node }, deps.clock()));
}

async function committed<T>(deps: ChargeDeps, work: (tx: ChargeTx) => Promise<{ node: T; wroteEvent: boolean }>): Promise<T> {
  const { node, wroteEvent } = await deps.prisma.$transaction(work);
  if (wroteEvent) deps.afterCommit();
  return node;
}

export async function updatePaymentMethod(deps: ChargeDeps, account: string, id: string, input: PaymentMethodUpdateInput): Promise<PaymentMethodNode> {
  return committed(deps, async (tx) => {
    const row = await findOrThrow(tx, account, id);
    if (!row.customer) throw new PaygateError('invalid_request', 'You must save this PaymentMethod to a customer before you can update it.');
    const current = toPaymentMethodNode(row);
    const expiry = input.card ? checkExpiry(input.card.expMonth ?? current.card.expMonth, input.card.expYear ?? current.card.expYear, deps.clock()) : {};
    const updated = await store.savePaymentMethodChanges(tx, account, id, {
      billingDetails: applyBillingDetails(current.billingDetails, input.billingDetails),
      card: { ...current.card, ...expiry },
      metadata: mergeMetadata(current.metadata, input.metadata),
    });
    const node = toPaymentMethodNode(updated);
    await recordEvent(tx, deps, 'payment_method.updated', account, node);
    return { node, wroteEvent: true };
  });
}

export async function attachPaymentMethod(deps: ChargeDeps, account: string, id: string, customer: string, requestId: string): Promise<PaymentMethodNode> {
  if (!hasIdShape('customer', customer)) throw notFound('customer', customer, 'customer');
  await assertCustomerExists(deps, account, requestId, customer);
  return committed(deps, async (tx) => {
    const alias = isPaymentMethodAlias(id) ? testCardForAlias(id) : null;
    const row = alias ? await createPaymentMethodFromTestCard(tx, deps, account, alias) : await findOrThrow(tx, account, id);
    if (row.customer === customer) return { node: toPaymentMethodNode(row), wroteEvent: false };
    // An alias's new payment method is rolled back with the decline, so the error cannot name it.
    const declined = attachDecline(await vaultedCardBehaviour(tx, deps.env.PAYGATE_VAULT_KEYS, account, row.vaultCardId), alias ? null : row.id);
    if (declined) throw declined;
    const attached = await store.attachToCustomer(tx, account, row.id, customer);
    if (!attached) throw new PaygateError('payment_method_unexpected_state', 'The payment method you provided has already been attached to a customer.');
    const node = toPaymentMethodNode(attached);
    await recordEvent(tx, deps, 'payment_method.attached', account, node);
    return { node, wroteEvent: true };
  });
}

export async function detachPaymentMethod(deps: ChargeDeps, account: string, id: string): Promise<PaymentMethodNode> {
  return committed(deps, async (tx) => {
    await findOrThrow(tx, account, id);
    const detached = await store.detachFromCustomer(tx, account, id);
    if (!detached) throw new PaygateError('payment_method_unexpected_state', 'The payment method you provided is not attached to a customer so detachment is impossible.');
    const node = toPaymentMethodNode(detached);
    await recordEvent(tx, deps, 'payment_method.detached', account, node);
    return { node, wroteEvent: true };
  });
}
