import { requireServiceCaller } from '@paygate/chassis';
import { releaseDecision, type ChargeStatus } from '../domain/charge-status';
import type { CardBehaviour } from '../domain/test-cards';
import type { ChargeNode } from '../db/charge-node';
import { lockCharge, markChargeReleased } from '../db/charges';
import type { Caller } from './caller';
import { chargeNodeOf } from './charge-view';
import { chargeOrThrow } from './charges';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { cancelLockedIntent } from './payment-intent-capture';
import { lockIntentOrThrow } from './payment-intent-rows';

/**
 * What the refund service asks of a charge beyond Stripe's object, through the graph and signed as a
 * service: the simulated network's answer to a refund, whether the hold is gone, and letting it go.
 * A merchant key is refused (requireServiceCaller).
 */
export type SimulatedRefundOutcome = CardBehaviour['refund'];

function refundOutcomeOf(stored: string): SimulatedRefundOutcome {
  if (stored === 'succeeds' || stored === 'fails_async') return stored;
  throw new Error(`Unknown stored refund behaviour '${stored}'`);
}

export async function simulatedRefundOutcome(deps: ChargeDeps, caller: Caller, chargeId: string): Promise<SimulatedRefundOutcome> {
  requireServiceCaller(caller);
  return refundOutcomeOf((await chargeOrThrow(deps.prisma, caller.account, chargeId)).refundBehaviour);
}

export async function isAuthorizationReleased(deps: ChargeDeps, caller: Caller, chargeId: string): Promise<boolean> {
  requireServiceCaller(caller);
  return (await chargeOrThrow(deps.prisma, caller.account, chargeId)).status === ('released' satisfies ChargeStatus);
}

/**
 * A refund of an uncaptured charge releases its authorization, as Stripe does: an intent's charge is
 * released by canceling the intent (intent locked first, then the charge, the order of every intent
 * path); a legacy capture=false charge is released alone. Asking again changes nothing.
 */
export async function releaseAuthorization(deps: ChargeDeps, caller: Caller, chargeId: string): Promise<ChargeNode> {
  requireServiceCaller(caller);
  const { account } = caller;
  const found = await chargeOrThrow(deps.prisma, account, chargeId);
  const row = await deps.prisma.$transaction(async (tx) => {
    if (found.paymentIntentId) {
      const intent = await lockIntentOrThrow(tx, account, found.paymentIntentId);
      if (intent.status === 'awaiting_capture' && intent.latestChargeId === chargeId) await cancelLockedIntent(tx, deps, intent, null);
    }
    const charge = await lockCharge(tx, account, chargeId);
    if (!charge) throw notFound('charge', chargeId);
    return releaseDecision(chargeId, charge.status as ChargeStatus) === 'release' ? markChargeReleased(tx, chargeId) : charge;
  });
  deps.afterCommit();
  return chargeNodeOf(deps, row);
}
