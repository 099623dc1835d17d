import { listPage, timestampRange, type ListArgs, type Metadata, type Page, type TimestampRange } from '@paygate/chassis';
import type { CheckoutSessionPaymentStatus, CheckoutSessionStatus } from '../domain/checkout-session-status';
import type { PaymentIntentData, PlannedLineItem } from '../domain/checkout-session-params';
import type { PrismaClient, SessionTx } from './client';
import type { CustomerDetailsNode, CheckoutSessionRow } from './checkout-session-node';
import type { Prisma } from './generated/client';

/** Persistence of checkout sessions: rows in, rows out. The rules live in src/domain, the steps in src/use-cases. */
type Db = PrismaClient | SessionTx;

export interface NewCheckoutSession {
  id: string;
  account: string;
  created: number;
  expiresAt: number;
  mode: string;
  paymentStatus: CheckoutSessionPaymentStatus;
  amountSubtotal: number;
  amountTotal: number;
  currency: string;
  customerId: string | null;
  customerEmail: string | null;
  customerCreation: string | null;
  clientReferenceId: string | null;
  successUrl: string;
  cancelUrl: string | null;
  submitType: string | null;
  paymentMethodTypes: string[];
  metadata: Metadata;
  paymentIntentData: PaymentIntentData | null;
  pageSecret: string;
}

export interface NewLineItem extends PlannedLineItem {
  id: string;
  priceId: string;
  productId: string;
}

/** The session and its lines, in the order given (their seq keeps it). */
export async function insertCheckoutSession(tx: SessionTx, session: NewCheckoutSession, lines: readonly NewLineItem[]): Promise<CheckoutSessionRow> {
  const { paymentIntentData, ...columns } = session;
  const row = await tx.checkoutSession.create({
    data: { ...columns, status: 'open' satisfies CheckoutSessionStatus, paymentIntentData: paymentIntentData ? { ...paymentIntentData } : undefined },
  });
  await tx.checkoutSessionLineItem.createMany({
    data: lines.map((line) => ({
      id: line.id,
      account: session.account,
      checkoutSessionId: session.id,
      description: line.description,
      productDescription: line.productDescription,
      priceId: line.priceId,
      productId: line.productId,
      unitAmount: line.unitAmount,
      quantity: line.quantity,
      amountSubtotal: line.amountSubtotal,
      amountDiscount: line.amountDiscount,
      amountTax: line.amountTax,
      amountTotal: line.amountTotal,
      currency: line.currency,
    })),
  });
  return row;
}

/** A session of this account, or null (another account's id is simply not there). */
export function findCheckoutSession(db: Db, account: string, id: string): Promise<CheckoutSessionRow | null> {
  return db.checkoutSession.findFirst({ where: { id, account } });
}

/** Holds the row until the transaction ends: payments, expiry and updates of one session take turns. */
export async function lockCheckoutSession(tx: SessionTx, account: string, id: string): Promise<CheckoutSessionRow | null> {
  await tx.$queryRawUnsafe('SELECT 1 FROM checkout_sessions WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  return findCheckoutSession(tx, account, id);
}

export interface CheckoutSessionListFilter {
  customer?: string | null;
  paymentIntent?: string | null;
  status?: CheckoutSessionStatus | null;
  created?: TimestampRange | null;
}

/** Newest first, within the account and the filter. */
export function listCheckoutSessions(db: Db, account: string, filter: CheckoutSessionListFilter | null | undefined, args: ListArgs): Promise<Page<CheckoutSessionRow>> {
  const where: Prisma.CheckoutSessionWhereInput = { account };
  if (filter?.customer) where.customerId = filter.customer;
  if (filter?.paymentIntent) where.paymentIntentId = filter.paymentIntent;
  if (filter?.status) where.status = filter.status;
  const created = timestampRange(filter?.created, 'created');
  if (created) where.created = created;
  return listPage(db.checkoutSession, { where, kind: 'checkout session', toNode: (row) => row }, args);
}

export function updateCheckoutSessionMetadata(tx: SessionTx, id: string, metadata: Metadata): Promise<CheckoutSessionRow> {
  return tx.checkoutSession.update({ where: { id }, data: { metadata } });
}

/** The session's PaymentIntent, made once (its idempotency key is the session's): set only while none is. */
export async function linkPaymentIntent(db: Db, id: string, paymentIntentId: string): Promise<void> {
  await db.checkoutSession.updateMany({ where: { id, paymentIntentId: null }, data: { paymentIntentId } });
}

/** The customer the page created for customer_creation=always, before the payment; it becomes `customer` on completion. */
export async function recordCreatedCustomer(db: Db, id: string, customerId: string): Promise<void> {
  await db.checkoutSession.updateMany({ where: { id, createdCustomerId: null }, data: { createdCustomerId: customerId } });
}

/** Moves an open session on; null when it was no longer open (someone else completed or expired it first). */
async function leaveOpen(tx: SessionTx, id: string, data: Prisma.CheckoutSessionUpdateManyMutationInput): Promise<CheckoutSessionRow | null> {
  const { count } = await tx.checkoutSession.updateMany({ where: { id, status: 'open' satisfies CheckoutSessionStatus }, data });
  return count === 1 ? tx.checkoutSession.findUniqueOrThrow({ where: { id } }) : null;
}

export function markCheckoutSessionComplete(
  tx: SessionTx,
  id: string,
  completion: { paymentStatus: CheckoutSessionPaymentStatus; customerId: string | null; customerDetails: CustomerDetailsNode },
): Promise<CheckoutSessionRow | null> {
  return leaveOpen(tx, id, {
    status: 'complete' satisfies CheckoutSessionStatus,
    paymentStatus: completion.paymentStatus,
    customerId: completion.customerId,
    customerDetails: completion.customerDetails as unknown as Prisma.InputJsonValue,
  });
}

export function markCheckoutSessionExpired(tx: SessionTx, id: string): Promise<CheckoutSessionRow | null> {
  return leaveOpen(tx, id, { status: 'expired' satisfies CheckoutSessionStatus });
}

/** Open sessions whose expires_at has come, oldest deadline first (index (status, expires_at)). */
export function openSessionsPastExpiry(db: Db, now: number, take = 100): Promise<Pick<CheckoutSessionRow, 'id' | 'account'>[]> {
  return db.checkoutSession.findMany({
    where: { status: 'open' satisfies CheckoutSessionStatus, expiresAt: { lte: now } },
    orderBy: { expiresAt: 'asc' },
    take,
    select: { id: true, account: true },
  });
}

export interface Buyer {
  email: string;
  name: string | null;
}

/** What the buyer typed at this attempt (the latest wins); kept for completion, which may come after 3-D Secure. */
export async function recordBuyer(db: Db, id: string, buyer: Buyer): Promise<void> {
  await db.checkoutSession.update({ where: { id }, data: { buyer: { ...buyer } } });
}
