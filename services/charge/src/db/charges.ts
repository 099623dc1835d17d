import { type ListArgs, listPage, type Page } from '@paygate/chassis';
import { chargeStatusesShownAs, type ChargeStatus } from '../domain/charge-status';
import type { ChargeTx, PrismaClient } from './client';
import { createdRange, type CreatedFilter } from './created-range';
import { json, nullableJson } from './json-column';
import type { Charge as ChargeRow, Prisma } from './generated/client';
import { searchPage, type SearchArgs, type SearchResult } from './search-page';
import { exactField, metadataField, numericField, stripeSearchWhere, type SearchField } from './search-where';

/** Persistence of charges: rows in, rows out. The rules live in src/domain, the steps in src/use-cases. */
type Db = PrismaClient | ChargeTx;
type Where = Prisma.ChargeWhereInput;

export type { ChargeRow };
export type NewCharge = Omit<Prisma.ChargeUncheckedCreateInput, 'seq' | 'status'> & { status: ChargeStatus };

export function insertCharge(tx: ChargeTx, data: NewCharge): Promise<ChargeRow> {
  return tx.charge.create({ data });
}

/** A charge of this account, or null (another account's id is simply not there). */
export function findCharge(db: Db, account: string, id: string): Promise<ChargeRow | null> {
  return db.charge.findFirst({ where: { id, account } });
}

/** Holds the row until the transaction ends, so two captures (or a capture and a release) take turns. */
export async function lockCharge(tx: ChargeTx, account: string, id: string): Promise<ChargeRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM charges WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findCharge(tx, account, id);
}

export function markChargeCaptured(
  tx: ChargeTx,
  id: string,
  capture: { amountCaptured: number; balanceTransactionId: string; receiptEmail?: string | null; statementDescriptor?: string | null; statementDescriptorSuffix?: string | null },
): Promise<ChargeRow> {
  const { amountCaptured, balanceTransactionId, ...shown } = capture;
  const optional = Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined && v !== null));
  return tx.charge.update({ where: { id }, data: { status: 'captured' satisfies ChargeStatus, captured: true, amountCaptured, balanceTransactionId, ...optional } });
}

/** The authorization is let go uncaptured: the hold on the customer's card ends, no money moves. */
export function markChargeReleased(tx: ChargeTx, id: string): Promise<ChargeRow> {
  return tx.charge.update({ where: { id }, data: { status: 'released' satisfies ChargeStatus } });
}

export interface ChargeDetailsUpdate {
  customer?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  receiptEmail?: string | null;
  shipping?: unknown;
  fraudDetails?: unknown;
}

/** What a merchant may change on a charge after the fact (Stripe's POST /v1/charges/:id). */
export function updateChargeDetails(tx: ChargeTx, id: string, update: ChargeDetailsUpdate): Promise<ChargeRow> {
  const { shipping, fraudDetails, ...rest } = update;
  const data: Prisma.ChargeUpdateInput = { ...rest };
  if (shipping !== undefined) data.shipping = nullableJson(shipping);
  if (fraudDetails !== undefined) data.fraudDetails = json(fraudDetails);
  return tx.charge.update({ where: { id }, data });
}

export interface ChargeListFilter extends CreatedFilter {
  customer?: string | null;
  paymentIntent?: string | null;
}

export function listCharges(db: Db, account: string, filter: ChargeListFilter | null | undefined, args: ListArgs): Promise<Page<ChargeRow>> {
  const where: Where = { account };
  if (filter?.customer) where.customer = filter.customer;
  if (filter?.paymentIntent) where.paymentIntentId = filter.paymentIntent;
  const created = createdRange(filter);
  if (created) where.created = created;
  return listPage(db.charge, { where, kind: 'charge', toNode: (row) => row }, args);
}

/** What Stripe lets you search charges by (https://docs.stripe.com/search#query-fields-for-charges). */
const CHARGE_SEARCH_FIELDS: Readonly<Record<string, SearchField<Where>>> = {
  amount: numericField('amount'),
  created: numericField('created'),
  currency: exactField('currency', { map: (value) => value.toLowerCase() }),
  customer: exactField('customer', { nullable: true }),
  payment_intent: exactField('paymentIntentId', { nullable: true }),
  status: exactField('status', { map: (value) => ({ in: chargeStatusesShownAs(value) }) }),
  metadata: metadataField(),
};

export function chargeSearchWhere(query: string): Where {
  return stripeSearchWhere(query, CHARGE_SEARCH_FIELDS);
}

export function searchCharges(db: Db, account: string, query: string, args: SearchArgs): Promise<SearchResult<ChargeRow>> {
  return searchPage(db.charge, { AND: [{ account }, chargeSearchWhere(query)] }, args);
}

/** Legacy capture=false charges (no intent) whose hold ran out by `cutoff`; an intent's charge expires with its intent. */
export function expiredChargeAuthorizations(db: Db, cutoff: number, account: string | null): Promise<{ id: string; account: string }[]> {
  return db.charge.findMany({
    where: { status: 'authorized' satisfies ChargeStatus, paymentIntentId: null, authorizedAt: { lte: cutoff }, ...(account ? { account } : {}) },
    select: { id: true, account: true },
    orderBy: { seq: 'asc' },
    take: 500,
  });
}
