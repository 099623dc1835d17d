import { requireSecretCaller } from '@paygate/chassis';
import { expiryCutoff, isExpired } from '../domain/authorization-hold';
import { assertTimestamp } from '../domain/payment-params';
import type { ChargeStatus } from '../domain/charge-status';
import type { PaymentIntentStatus } from '../domain/payment-intent-status';
import { expiredChargeAuthorizations, lockCharge, markChargeReleased } from '../db/charges';
import { expiredIntentAuthorizations, lockPaymentIntent } from '../db/payment-intents';
import { writeChargeEvent } from '../events/charge-events';
import type { Caller } from './caller';
import { chargeNodeOf } from './charge-view';
import type { ChargeDeps } from './deps';
import { cancelLockedIntent } from './payment-intent-capture';

/**
 * Lets go of authorizations held past the card network's 7 days, as of `now`: an uncaptured intent
 * is canceled (cancellation_reason automatic) with its charge released; a legacy capture=false
 * charge is released. Each in its own transaction, re-checked under its row lock (a capture may
 * have won the race). `account` null sweeps every account. Returns how many were released.
 */
export async function releaseExpiredAuthorizations(deps: ChargeDeps, account: string | null, now: number): Promise<number> {
  const cutoff = expiryCutoff(now);
  let released = 0;
  for (const intent of await expiredIntentAuthorizations(deps.prisma, cutoff, account)) {
    const done = await deps.prisma.$transaction(async (tx) => {
      const row = await lockPaymentIntent(tx, intent.account, intent.id);
      if (!row || row.status !== ('awaiting_capture' satisfies PaymentIntentStatus) || row.authorizedAt === null || !isExpired(row.authorizedAt, now)) return false;
      await cancelLockedIntent(tx, deps, row, 'automatic', true);
      return true;
    });
    if (done) released += 1;
  }
  for (const charge of await expiredChargeAuthorizations(deps.prisma, cutoff, account)) {
    const done = await deps.prisma.$transaction(async (tx) => {
      const row = await lockCharge(tx, charge.account, charge.id);
      if (!row || row.status !== ('authorized' satisfies ChargeStatus) || row.authorizedAt === null || !isExpired(row.authorizedAt, now)) return false;
      const expired = await markChargeReleased(tx, row.id);
      await writeChargeEvent(tx, 'charge.expired', row.account, chargeNodeOf(deps, expired), expired.funds, deps.clock());
      return true;
    });
    if (done) released += 1;
  }
  if (released > 0) deps.afterCommit();
  return released;
}

/** The releaseExpiredAuthorizations mutation: the caller's own account, as of `now` (default: the clock). */
export async function releaseCallerExpiredAuthorizations(deps: ChargeDeps, caller: Caller, now: number | null | undefined): Promise<number> {
  requireSecretCaller(caller);
  if (now !== null && now !== undefined) assertTimestamp(now, 'now');
  return releaseExpiredAuthorizations(deps, caller.account, now ?? deps.clock());
}
