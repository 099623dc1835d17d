import { idempotently, mergeMetadata, newId, PaygateError, requireSecretCaller, type ListArgs, type Page } from '@paygate/chassis';
import { failureOf, type ChargeOutcome } from '../domain/authorize';
import { cardError } from '../domain/payment-error';
import { assertStatementDescriptors, parseMoney } from '../domain/payment-params';
import type { ChargeNode, Shipping } from '../db/charge-node';
import type { ChargeTx } from '../db/client';
import * as store from '../db/charges';
import type { SearchArgs, SearchResult } from '../db/search-page';
import { writeChargeEvent } from '../events/charge-events';
import type { Caller } from './caller';
import { assertCustomerExists } from './customer-exists';
import { attemptCharge } from './charge-attempt';
import { chargeNodeOf } from './charge-view';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { defaultSourceOf, resolvePaymentSource } from './payment-sources';

export interface ChargeCreateParams {
  amount: number;
  currency: string;
  source?: string | null;
  customer?: string | null;
  capture?: boolean | null;
  description?: string | null;
  receiptEmail?: string | null;
  shipping?: Shipping | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
  metadata?: Record<string, string> | null;
}

export async function chargeOrThrow(tx: ChargeTx, account: string, id: string): Promise<store.ChargeRow> {
  const row = await store.findCharge(tx, account, id);
  if (!row) throw notFound('charge', id);
  return row;
}

/** The 402 a declined charge is answered with: the first time and on every replay of its Idempotency-Key. */
function throwIfDeclined(row: store.ChargeRow): void {
  const failure = failureOf({ ...row, outcome: row.outcome as unknown as ChargeOutcome });
  if (failure) throw cardError(failure, { charge: row.id });
}

/**
 * POST /v1/charges: validate, resolve the card (a source, or the customer's default), authorize,
 * record the charge and its event in one transaction. A decline is committed, then answered with a
 * card error naming the failed charge, as Stripe does.
 */
export async function createCharge(deps: ChargeDeps, caller: Caller, input: ChargeCreateParams): Promise<ChargeNode> {
  requireSecretCaller(caller);
  const money = parseMoney(input.amount, input.currency);
  assertStatementDescriptors(input);
  const metadata = mergeMetadata({}, input.metadata ?? {});
  if (!input.source && !input.customer) throw new PaygateError('parameter_missing', 'Must provide source or customer.', { param: 'source' });
  const { account } = caller;
  await assertCustomerExists(deps, account, caller.requestId, input.customer);
  const id = newId('charge');
  const row = await deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: caller.idempotencyKey, operation: 'charge.create', objectId: id }, (existing) => chargeOrThrow(tx, account, existing), async () => {
      const card = input.source ? await resolvePaymentSource(tx, deps, account, input.source, 'source') : await defaultSourceOf(tx, deps, account, input.customer!);
      if (!card) throw new PaygateError('invalid_request', 'Cannot charge a customer that has no active card', { param: 'card' });
      const attempt = await attemptCharge(
        tx,
        deps,
        {
          account,
          money,
          card,
          capture: input.capture ?? true,
          customer: input.customer ?? card.customer,
          paymentIntentId: null,
          description: input.description ?? null,
          receiptEmail: input.receiptEmail ?? null,
          statementDescriptor: input.statementDescriptor ?? null,
          statementDescriptorSuffix: input.statementDescriptorSuffix ?? null,
          metadata,
          shipping: input.shipping ?? null,
          threeDSecure: null,
        },
        id,
      );
      return attempt.row;
    }),
  );
  deps.afterCommit();
  throwIfDeclined(row);
  return chargeNodeOf(deps, row);
}

export interface ChargeUpdateParams {
  customer?: string | null;
  description?: string | null;
  fraudDetails?: { userReport?: string | null } | null;
  metadata?: Record<string, string> | null;
  receiptEmail?: string | null;
  shipping?: Shipping | null;
}

const USER_REPORTS = ['fraudulent', 'safe'];

/** POST /v1/charges/:id: descriptive fields only; metadata merges; the customer can be set once. */
export async function updateCharge(deps: ChargeDeps, caller: Caller, id: string, input: ChargeUpdateParams): Promise<ChargeNode> {
  requireSecretCaller(caller);
  const userReport = input.fraudDetails?.userReport;
  if (userReport && !USER_REPORTS.includes(userReport)) {
    throw new PaygateError('invalid_request', `Invalid fraud_details[user_report]: must be one of ${USER_REPORTS.join(', ')}`, { param: 'fraud_details[user_report]' });
  }
  const node = await deps.prisma.$transaction(async (tx) => {
    const row = await store.lockCharge(tx, caller.account, id);
    if (!row) throw notFound('charge', id);
    if (input.customer && row.customer && input.customer !== row.customer) {
      throw new PaygateError('invalid_request', `Charge ${id} already belongs to customer ${row.customer}; its customer cannot be changed.`, { param: 'customer' });
    }
    const update: store.ChargeDetailsUpdate = {};
    if (input.customer) update.customer = input.customer;
    if (input.description !== undefined) update.description = input.description;
    if (input.receiptEmail !== undefined) update.receiptEmail = input.receiptEmail;
    if (input.shipping !== undefined) update.shipping = input.shipping;
    if (input.metadata !== undefined) update.metadata = mergeMetadata(row.metadata as Record<string, string>, input.metadata);
    if (input.fraudDetails) update.fraudDetails = { ...(row.fraudDetails as object), userReport: userReport || null };
    const updated = chargeNodeOf(deps, await store.updateChargeDetails(tx, id, update));
    await writeChargeEvent(tx, 'charge.updated', caller.account, updated, row.funds, deps.clock());
    return updated;
  });
  deps.afterCommit();
  return node;
}

export async function retrieveCharge(deps: ChargeDeps, caller: Caller, id: string): Promise<ChargeNode> {
  requireSecretCaller(caller);
  return chargeNodeOf(deps, await chargeOrThrow(deps.prisma, caller.account, id));
}

/** For references (Charge.__resolveReference, PaymentIntent.latestCharge): null when not this account's. */
export async function findChargeNode(deps: ChargeDeps, account: string, id: string): Promise<ChargeNode | null> {
  const row = await store.findCharge(deps.prisma, account, id);
  return row ? chargeNodeOf(deps, row) : null;
}

export async function listCharges(deps: ChargeDeps, caller: Caller, filter: store.ChargeListFilter | null | undefined, args: ListArgs): Promise<Page<ChargeNode>> {
  requireSecretCaller(caller);
  const page = await store.listCharges(deps.prisma, caller.account, filter, args);
  return { data: page.data.map((row) => chargeNodeOf(deps, row)), hasMore: page.hasMore };
}

export async function searchCharges(deps: ChargeDeps, caller: Caller, query: string, args: SearchArgs): Promise<SearchResult<ChargeNode>> {
  requireSecretCaller(caller);
  const result = await store.searchCharges(deps.prisma, caller.account, query, args);
  return { ...result, data: result.data.map((row) => chargeNodeOf(deps, row)) };
}
