import { idempotently, newId, requireSecretCaller } from '@paygate/chassis';
import { isExpired } from '../domain/authorization-hold';
import { assertCapturable, type ChargeStatus } from '../domain/charge-status';
import { assertCaptureAmount, assertStatementDescriptors } from '../domain/payment-params';
import type { ChargeNode } from '../db/charge-node';
import * as store from '../db/charges';
import { writeChargeEvent } from '../events/charge-events';
import type { Caller } from './caller';
import { chargeNodeOf } from './charge-view';
import { chargeOrThrow } from './charges';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { capturePaymentIntent } from './payment-intent-capture';

export interface ChargeCaptureParams {
  amount?: number | null;
  receiptEmail?: string | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
}

/**
 * POST /v1/charges/:id/capture, in full or in part (the rest is released). An intent's charge is
 * captured through its intent, so both stay in step.
 */
export async function captureCharge(deps: ChargeDeps, caller: Caller, id: string, input: ChargeCaptureParams | null | undefined): Promise<ChargeNode> {
  requireSecretCaller(caller);
  const params = input ?? {};
  assertStatementDescriptors(params);
  const { account } = caller;
  const found = await chargeOrThrow(deps.prisma, account, id);
  if (found.paymentIntentId) {
    await capturePaymentIntent(deps, caller, found.paymentIntentId, {
      amountToCapture: params.amount,
      statementDescriptor: params.statementDescriptor,
      statementDescriptorSuffix: params.statementDescriptorSuffix,
    });
    return chargeNodeOf(deps, await chargeOrThrow(deps.prisma, account, id));
  }
  const node = await deps.prisma.$transaction(async (tx) => {
    const row = await store.lockCharge(tx, account, id);
    if (!row) throw notFound('charge', id);
    return idempotently(tx, { account, key: caller.idempotencyKey, operation: 'charge.capture', objectId: id }, async () => chargeNodeOf(deps, row), async () => {
      const status = row.status as ChargeStatus;
      // A hold past its 7 days is gone even if the sweeper has not marked it yet.
      assertCapturable(id, status === 'authorized' && row.authorizedAt !== null && isExpired(row.authorizedAt, deps.clock()) ? 'released' : status);
      const amount = params.amount ?? row.amount;
      assertCaptureAmount(amount, { amount: row.amount, currency: row.currency }, 'amount');
      const captured = chargeNodeOf(
        deps,
        await store.markChargeCaptured(tx, id, {
          amountCaptured: amount,
          balanceTransactionId: newId('balanceTransaction'),
          receiptEmail: params.receiptEmail,
          statementDescriptor: params.statementDescriptor,
          statementDescriptorSuffix: params.statementDescriptorSuffix,
        }),
      );
      await writeChargeEvent(tx, 'charge.captured', account, captured, row.funds, deps.clock());
      return captured;
    });
  });
  deps.afterCommit();
  return node;
}
