import type { CheckoutSessionPaymentStatus } from '../domain/checkout-session-status';
import type { SessionTx } from '../db/client';
import type { CheckoutSessionRow, CustomerDetailsNode } from '../db/checkout-session-node';
import { markCheckoutSessionComplete, markCheckoutSessionExpired, type Buyer } from '../db/checkout-sessions';
import { writeCheckoutSessionEvent } from '../events/checkout-session-events';
import type { SessionDeps } from './deps';
import { nodeOf } from './checkout-sessions';

/**
 * The session's two ends, each with its event in the same transaction as the status change. Both move
 * only an open session (a conditional update), so whoever comes second changes nothing and writes no event.
 */
export async function recordSessionComplete(tx: SessionTx, deps: SessionDeps, row: CheckoutSessionRow, paymentStatus: CheckoutSessionPaymentStatus): Promise<CheckoutSessionRow | null> {
  const buyer = row.buyer as Buyer | null;
  const customerDetails: CustomerDetailsNode = { address: null, email: buyer?.email ?? row.customerEmail, name: buyer?.name ?? null, phone: null, taxExempt: 'none' };
  const completed = await markCheckoutSessionComplete(tx, row.id, { paymentStatus, customerId: row.customerId ?? row.createdCustomerId, customerDetails });
  if (completed) await writeCheckoutSessionEvent(tx, 'checkout.session.completed', completed.account, nodeOf(deps, completed), deps.clock());
  return completed;
}

export async function recordSessionExpired(tx: SessionTx, deps: SessionDeps, row: CheckoutSessionRow): Promise<CheckoutSessionRow | null> {
  const expired = await markCheckoutSessionExpired(tx, row.id);
  if (expired) await writeCheckoutSessionEvent(tx, 'checkout.session.expired', expired.account, nodeOf(deps, expired), deps.clock());
  return expired;
}
