import { newId, type Money } from '@paygate/chassis';
import { authorize, type ChargeDecision } from '../domain/authorize';
import type { ChargeCard, Shipping, ThreeDSecureResult } from '../db/charge-node';
import type { ChargeTx } from '../db/client';
import { insertCharge, type ChargeRow } from '../db/charges';
import { json, nullableJson } from '../db/json-column';
import { writeChargeEvent } from '../events/charge-events';
import { chargeNodeOf } from './charge-view';
import type { ChargeDeps } from './deps';
import type { ResolvedCard } from './payment-sources';

export interface ChargeAttempt {
  account: string;
  money: Money;
  card: ResolvedCard;
  capture: boolean;
  customer: string | null;
  paymentIntentId: string | null;
  description: string | null;
  receiptEmail: string | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  metadata: Record<string, string>;
  shipping: Shipping | null;
  threeDSecure: ThreeDSecureResult | null;
}

/**
 * One authorization on the simulated network, recorded whatever the answer: the charge row (with
 * its balance transaction id when captured) and charge.succeeded / charge.failed, in the caller's
 * transaction. The caller decides what a decline means (a card error, an intent back to
 * requires_payment_method) — after the commit, so the failed charge is kept.
 */
export async function attemptCharge(tx: ChargeTx, deps: ChargeDeps, attempt: ChargeAttempt, id = newId('charge')): Promise<{ row: ChargeRow; decision: ChargeDecision }> {
  const decision = authorize(attempt.card.behaviour, attempt.capture);
  const captured = decision.status === 'captured';
  const now = deps.clock();
  const card: ChargeCard = { ...attempt.card.details, threeDSecure: attempt.threeDSecure };
  const row = await insertCharge(tx, {
    id,
    account: attempt.account,
    created: now,
    amount: attempt.money.amount,
    amountCaptured: captured ? attempt.money.amount : 0,
    currency: attempt.money.currency,
    status: decision.status,
    captured,
    funds: decision.funds,
    balanceTransactionId: captured ? newId('balanceTransaction') : null,
    description: attempt.description,
    receiptEmail: attempt.receiptEmail,
    statementDescriptor: attempt.statementDescriptor,
    statementDescriptorSuffix: attempt.statementDescriptorSuffix,
    failureCode: decision.failure?.code ?? null,
    failureMessage: decision.failure?.message ?? null,
    outcome: json(decision.outcome),
    paymentMethodId: attempt.card.paymentMethodId,
    card: json(card),
    billingDetails: json(attempt.card.billingDetails),
    metadata: attempt.metadata,
    customer: attempt.customer,
    paymentIntentId: attempt.paymentIntentId,
    shipping: nullableJson(attempt.shipping),
    fraudDetails: json(decision.stripeReport ? { stripeReport: decision.stripeReport } : {}),
    authorizedAt: decision.failure ? null : now,
    refundBehaviour: attempt.card.behaviour.refund,
  });
  await writeChargeEvent(tx, decision.failure ? 'charge.failed' : 'charge.succeeded', attempt.account, chargeNodeOf(deps, row), row.funds, now);
  return { row, decision };
}
