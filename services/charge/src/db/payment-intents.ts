import { type ListArgs, listPage, type Page } from '@paygate/chassis';
import type { PaymentError } from '../domain/payment-error';
import { paymentIntentStatusesShownAs, type PaymentIntentStatus } from '../domain/payment-intent-status';
import type { CancellationReason } from '../domain/payment-intent-transitions';
import type { ChargeTx, PrismaClient } from './client';
import { createdRange, type CreatedFilter } from './created-range';
import type { PaymentIntent as PaymentIntentRow, Prisma } from './generated/client';
import { json, nullableJson } from './json-column';
import type { NextAction } from './payment-intent-node';
import { searchPage, type SearchArgs, type SearchResult } from './search-page';
import { exactField, metadataField, numericField, stripeSearchWhere, type SearchField } from './search-where';

/** Persistence of payment intents: each update is named for the transition it records. */
type Db = PrismaClient | ChargeTx;
type Where = Prisma.PaymentIntentWhereInput;

export type { PaymentIntentRow };

export type NewPaymentIntent = Omit<Prisma.PaymentIntentUncheckedCreateInput, 'seq' | 'status'> & { status: PaymentIntentStatus };

export function insertPaymentIntent(tx: ChargeTx, data: NewPaymentIntent): Promise<PaymentIntentRow> {
  return tx.paymentIntent.create({ data });
}

export function findPaymentIntent(db: Db, account: string, id: string): Promise<PaymentIntentRow | null> {
  return db.paymentIntent.findFirst({ where: { id, account } });
}

/** Holds the row until the transaction ends: two confirms (or a confirm and a cancel) take turns and see each other's result. */
export async function lockPaymentIntent(tx: ChargeTx, account: string, id: string): Promise<PaymentIntentRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM payment_intents WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findPaymentIntent(tx, account, id);
}

/** Fields a merchant may change by update (or along with a confirm); undefined leaves a field as it is. */
export interface PaymentIntentDetails {
  amount?: number;
  currency?: string;
  captureMethod?: string;
  customer?: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  paymentMethodId?: string | null;
  paymentMethodTypes?: string[];
  receiptEmail?: string | null;
  returnUrl?: string | null;
  setupFutureUsage?: string | null;
  shipping?: unknown;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
  status?: PaymentIntentStatus;
  lastPaymentError?: null;
  nextAction?: null;
}

export function updatePaymentIntentDetails(tx: ChargeTx, id: string, details: PaymentIntentDetails): Promise<PaymentIntentRow> {
  const { shipping, paymentMethodTypes, lastPaymentError, nextAction, ...rest } = details;
  const data: Prisma.PaymentIntentUncheckedUpdateInput = { ...rest };
  if (shipping !== undefined) data.shipping = nullableJson(shipping);
  if (paymentMethodTypes !== undefined) data.paymentMethodTypes = json(paymentMethodTypes);
  if (lastPaymentError !== undefined) data.lastPaymentError = nullableJson(null);
  if (nextAction !== undefined) data.nextAction = nullableJson(null);
  return tx.paymentIntent.update({ where: { id }, data });
}

/** The card needs 3-D Secure: the customer is sent to the hosted challenge page. */
export function markRequiresAction(tx: ChargeTx, id: string, paymentMethodId: string, nextAction: NextAction): Promise<PaymentIntentRow> {
  const status: PaymentIntentStatus = 'awaiting_action';
  return tx.paymentIntent.update({ where: { id }, data: { status, paymentMethodId, nextAction: json(nextAction), lastPaymentError: nullableJson(null) } });
}

/** The attempt failed: back to requires_payment_method, the payment method cleared, the error kept (as Stripe does). */
export function markPaymentFailed(tx: ChargeTx, id: string, error: PaymentError, latestChargeId: string | null): Promise<PaymentIntentRow> {
  const status: PaymentIntentStatus = 'awaiting_payment_method';
  const data: Prisma.PaymentIntentUncheckedUpdateInput = { status, paymentMethodId: null, nextAction: nullableJson(null), lastPaymentError: json(error) };
  if (latestChargeId) data.latestChargeId = latestChargeId;
  return tx.paymentIntent.update({ where: { id }, data });
}

/** The network approved: succeeded (captured) or requires_capture (held). */
export function markAuthorized(
  tx: ChargeTx,
  id: string,
  authorization: { status: 'succeeded' | 'awaiting_capture'; paymentMethodId: string; latestChargeId: string; amountCapturable: number; amountReceived: number; authorizedAt: number },
): Promise<PaymentIntentRow> {
  return tx.paymentIntent.update({ where: { id }, data: { ...authorization, nextAction: nullableJson(null), lastPaymentError: nullableJson(null) } });
}

export function markPaymentIntentCaptured(
  tx: ChargeTx,
  id: string,
  capture: { amountReceived: number; metadata?: Record<string, string>; statementDescriptor?: string | null; statementDescriptorSuffix?: string | null },
): Promise<PaymentIntentRow> {
  const status: PaymentIntentStatus = 'succeeded';
  const optional = Object.fromEntries(Object.entries(capture).filter(([, v]) => v !== undefined && v !== null));
  return tx.paymentIntent.update({ where: { id }, data: { ...optional, status, amountCapturable: 0 } });
}

export function markPaymentIntentCanceled(tx: ChargeTx, id: string, canceledAt: number, reason: CancellationReason | null): Promise<PaymentIntentRow> {
  const status: PaymentIntentStatus = 'canceled';
  return tx.paymentIntent.update({ where: { id }, data: { status, canceledAt, cancellationReason: reason, amountCapturable: 0, nextAction: nullableJson(null) } });
}

export interface PaymentIntentListFilter extends CreatedFilter {
  customer?: string | null;
}

export function listPaymentIntents(db: Db, account: string, filter: PaymentIntentListFilter | null | undefined, args: ListArgs): Promise<Page<PaymentIntentRow>> {
  const where: Where = { account };
  if (filter?.customer) where.customer = filter.customer;
  const created = createdRange(filter);
  if (created) where.created = created;
  return listPage(db.paymentIntent, { where, kind: 'payment_intent', toNode: (row) => row }, args);
}

/** What Stripe lets you search payment intents by (https://docs.stripe.com/search#query-fields-for-payment-intents). */
const PAYMENT_INTENT_SEARCH_FIELDS: Readonly<Record<string, SearchField<Where>>> = {
  amount: numericField('amount'),
  created: numericField('created'),
  currency: exactField('currency', { map: (value) => value.toLowerCase() }),
  customer: exactField('customer', { nullable: true }),
  status: exactField('status', { map: (value) => ({ in: paymentIntentStatusesShownAs(value) }) }),
  metadata: metadataField(),
};

export function paymentIntentSearchWhere(query: string): Where {
  return stripeSearchWhere(query, PAYMENT_INTENT_SEARCH_FIELDS);
}

export function searchPaymentIntents(db: Db, account: string, query: string, args: SearchArgs): Promise<SearchResult<PaymentIntentRow>> {
  return searchPage(db.paymentIntent, { AND: [{ account }, paymentIntentSearchWhere(query)] }, args);
}

/** Intents still holding an authorization made at or before `cutoff`. */
export function expiredIntentAuthorizations(db: Db, cutoff: number, account: string | null): Promise<{ id: string; account: string }[]> {
  const status: PaymentIntentStatus = 'awaiting_capture';
  return db.paymentIntent.findMany({
    where: { status, authorizedAt: { lte: cutoff }, ...(account ? { account } : {}) },
    select: { id: true, account: true },
    orderBy: { seq: 'asc' },
    take: 500,
  });
}
