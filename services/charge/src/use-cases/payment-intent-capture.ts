import { idempotently, mergeMetadata, newId, requireSecretCaller } from '@paygate/chassis';
import type { PaymentIntentStatus } from '../domain/payment-intent-status';
import { assertCancelable, assertCapturable, assertMerchantCancellationReason, type CancellationReason } from '../domain/payment-intent-transitions';
import { assertCaptureAmount, assertStatementDescriptors } from '../domain/payment-params';
import type { ChargeTx } from '../db/client';
import { lockCharge, markChargeCaptured, markChargeReleased } from '../db/charges';
import { toPaymentIntentNode, type PaymentIntentNode } from '../db/payment-intent-node';
import { markPaymentIntentCanceled, markPaymentIntentCaptured, type PaymentIntentRow } from '../db/payment-intents';
import { writeChargeEvent } from '../events/charge-events';
import type { Caller } from './caller';
import { chargeNodeOf } from './charge-view';
import type { ChargeDeps } from './deps';
import { lockIntentOrThrow, writeIntentEvent } from './payment-intent-rows';

export interface PaymentIntentCaptureParams {
  amountToCapture?: number | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
  metadata?: Record<string, string> | null;
}

/** The intent's authorization, locked after the intent (always that order, so intent and charge paths cannot deadlock). */
async function lockHeldCharge(tx: ChargeTx, intent: PaymentIntentRow) {
  if (!intent.latestChargeId) throw new Error(`payment intent ${intent.id} holds an authorization without a charge`);
  const charge = await lockCharge(tx, intent.account, intent.latestChargeId);
  if (!charge) throw new Error(`payment intent ${intent.id} names a missing charge ${intent.latestChargeId}`);
  return charge;
}

/**
 * POST /v1/payment_intents/:id/capture: captures up to amount_capturable once and releases the
 * rest; the charge gets its balance transaction id now, with charge.captured.
 */
export async function capturePaymentIntent(deps: ChargeDeps, caller: Caller, id: string, input: PaymentIntentCaptureParams | null | undefined): Promise<PaymentIntentNode> {
  requireSecretCaller(caller);
  const params = input ?? {};
  assertStatementDescriptors(params);
  const { account } = caller;
  const row = await deps.prisma.$transaction(async (tx) => {
    const intent = await lockIntentOrThrow(tx, account, id);
    return idempotently(tx, { account, key: caller.idempotencyKey, operation: 'payment_intent.capture', objectId: id }, async () => intent, async () => {
      assertCapturable({ id, status: intent.status as PaymentIntentStatus });
      const amount = params.amountToCapture ?? intent.amountCapturable;
      assertCaptureAmount(amount, { amount: intent.amountCapturable, currency: intent.currency }, 'amount_to_capture');
      const held = await lockHeldCharge(tx, intent);
      const descriptors = { statementDescriptor: params.statementDescriptor, statementDescriptorSuffix: params.statementDescriptorSuffix };
      const charge = await markChargeCaptured(tx, held.id, { amountCaptured: amount, balanceTransactionId: newId('balanceTransaction'), ...descriptors });
      await writeChargeEvent(tx, 'charge.captured', account, chargeNodeOf(deps, charge), charge.funds, deps.clock());
      const metadata = params.metadata === undefined ? undefined : mergeMetadata(intent.metadata as Record<string, string>, params.metadata);
      const captured = await markPaymentIntentCaptured(tx, id, { amountReceived: amount, metadata, ...descriptors });
      await writeIntentEvent(tx, deps, 'payment_intent.succeeded', captured);
      return captured;
    });
  });
  deps.afterCommit();
  return toPaymentIntentNode(row);
}

/**
 * Cancels a locked intent: a held authorization is released (the charge stays succeeded and
 * uncaptured; `expired` marks it charge.expired, as Stripe does when a hold runs out).
 */
export async function cancelLockedIntent(tx: ChargeTx, deps: ChargeDeps, intent: PaymentIntentRow, reason: CancellationReason | null, expired = false): Promise<PaymentIntentRow> {
  assertCancelable({ id: intent.id, status: intent.status as PaymentIntentStatus });
  if (intent.status === ('awaiting_capture' satisfies PaymentIntentStatus)) {
    const held = await lockHeldCharge(tx, intent);
    const released = await markChargeReleased(tx, held.id);
    if (expired) await writeChargeEvent(tx, 'charge.expired', intent.account, chargeNodeOf(deps, released), released.funds, deps.clock());
  }
  const canceled = await markPaymentIntentCanceled(tx, intent.id, deps.clock(), reason);
  await writeIntentEvent(tx, deps, 'payment_intent.canceled', canceled);
  return canceled;
}

/** POST /v1/payment_intents/:id/cancel. */
export async function cancelPaymentIntent(deps: ChargeDeps, caller: Caller, id: string, reason: CancellationReason | null | undefined): Promise<PaymentIntentNode> {
  requireSecretCaller(caller);
  assertMerchantCancellationReason(reason);
  const row = await deps.prisma.$transaction(async (tx) => cancelLockedIntent(tx, deps, await lockIntentOrThrow(tx, caller.account, id), reason ?? null));
  deps.afterCommit();
  return toPaymentIntentNode(row);
}
