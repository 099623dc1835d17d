import { listPage, type ListArgs, type Page } from '@paygate/chassis';
import type { ChargeTx } from './client';
import type { PaymentMethod as PaymentMethodRow, Prisma } from './generated/client';
import { json } from './json-column';

export type { PaymentMethodRow };

export interface PaymentMethodInsert {
  id: string;
  account: string;
  created: number;
  vaultCardId: string;
  card: object;
  billingDetails: object;
  metadata: Record<string, string>;
  customer?: string | null;
}

export async function insertPaymentMethod(tx: ChargeTx, paymentMethod: PaymentMethodInsert): Promise<PaymentMethodRow> {
  return tx.paymentMethod.create({ data: { ...paymentMethod, type: 'card', card: json(paymentMethod.card), billingDetails: json(paymentMethod.billingDetails) } });
}

export async function findPaymentMethod(db: ChargeTx, account: string, id: string): Promise<PaymentMethodRow | null> {
  return db.paymentMethod.findFirst({ where: { id, account } });
}

export async function savePaymentMethodChanges(
  tx: ChargeTx,
  account: string,
  id: string,
  changes: { billingDetails: object; card: object; metadata: Record<string, string> },
): Promise<PaymentMethodRow> {
  await tx.paymentMethod.updateMany({ where: { id, account }, data: { billingDetails: json(changes.billingDetails), card: json(changes.card), metadata: changes.metadata } });
  return tx.paymentMethod.findFirstOrThrow({ where: { id, account } });
}

/**
 * Attaches unless it is attached to another customer, in one UPDATE … WHERE, so two concurrent
 * attaches to different customers cannot both win. Null when it belongs to another customer.
 */
export async function attachToCustomer(tx: ChargeTx, account: string, id: string, customer: string): Promise<PaymentMethodRow | null> {
  const { count } = await tx.paymentMethod.updateMany({ where: { id, account, OR: [{ customer: null }, { customer }] }, data: { customer } });
  return count === 1 ? tx.paymentMethod.findFirstOrThrow({ where: { id, account } }) : null;
}

/** Detaches if attached; null when it was not attached to anyone. */
export async function detachFromCustomer(tx: ChargeTx, account: string, id: string): Promise<PaymentMethodRow | null> {
  const { count } = await tx.paymentMethod.updateMany({ where: { id, account, customer: { not: null } }, data: { customer: null } });
  return count === 1 ? tx.paymentMethod.findFirstOrThrow({ where: { id, account } }) : null;
}

export async function listPaymentMethods<Node>(
  db: ChargeTx,
  account: string,
  filter: { customer?: string | null; type?: string | null },
  args: ListArgs,
  toNode: (row: PaymentMethodRow) => Node,
): Promise<Page<Node>> {
  const where: Prisma.PaymentMethodWhereInput = { account, ...(filter.customer ? { customer: filter.customer } : {}), ...(filter.type ? { type: filter.type } : {}) };
  return listPage(db.paymentMethod, { where, kind: 'PaymentMethod', toNode }, args);
}

/** The customer's most recently created attached payment method. */
export async function newestAttachedPaymentMethod(db: ChargeTx, account: string, customer: string): Promise<PaymentMethodRow | null> {
  return db.paymentMethod.findFirst({ where: { account, customer }, orderBy: { seq: 'desc' } });
}
