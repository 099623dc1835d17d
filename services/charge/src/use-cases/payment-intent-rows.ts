import type { PaymentError } from '../domain/payment-error';
import { cardError } from '../domain/payment-error';
import type { ChargeFailure } from '../domain/authorize';
import type { ChargeTx, PrismaClient } from '../db/client';
import { toPaymentIntentNode } from '../db/payment-intent-node';
import { findPaymentIntent, lockPaymentIntent, type PaymentIntentRow } from '../db/payment-intents';
import { writePaymentIntentEvent, type PaymentIntentEventType } from '../events/payment-intent-events';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';

/** Stripe names the path parameter `intent`: "No such payment_intent: 'pi_…'". */
export function intentNotFound(id: string) {
  return notFound('payment_intent', id, 'intent');
}

export async function findIntentOrThrow(db: PrismaClient | ChargeTx, account: string, id: string): Promise<PaymentIntentRow> {
  const row = await findPaymentIntent(db, account, id);
  if (!row) throw intentNotFound(id);
  return row;
}

export async function lockIntentOrThrow(tx: ChargeTx, account: string, id: string): Promise<PaymentIntentRow> {
  const row = await lockPaymentIntent(tx, account, id);
  if (!row) throw intentNotFound(id);
  return row;
}

export async function writeIntentEvent(tx: ChargeTx, deps: ChargeDeps, type: PaymentIntentEventType, row: PaymentIntentRow): Promise<void> {
  await writePaymentIntentEvent(tx, type, row.account, toPaymentIntentNode(row), deps.clock());
}

/**
 * After a confirm commits: a decline is answered with a 402 naming the intent, its failed charge and
 * the payment method — the same error on every replay of the confirm's Idempotency-Key.
 */
export function throwIfDeclined(row: PaymentIntentRow): void {
  const error = row.lastPaymentError as PaymentError | null;
  if (row.status !== 'awaiting_payment_method' || error?.type !== 'card_error' || !error.charge) return;
  const failure = { code: error.code, declineCode: error.declineCode, message: error.message } as ChargeFailure;
  throw cardError(failure, { charge: error.charge, paymentIntent: row.id, ...(error.paymentMethod ? { paymentMethod: error.paymentMethod } : {}) });
}
