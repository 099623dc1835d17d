import { buildEvent, writeOutboxEvent, type RawSql } from '@paygate/chassis';
import type { CheckoutSessionNode } from '../db/checkout-session-node';

/**
 * What this service publishes, on paygate.checkout_session.v1: data.object is the session as the
 * graph returns it (its url is null by then, so no page secret travels), plus Stripe's object name.
 */
export interface CheckoutSessionEventObject extends CheckoutSessionNode {
  object: 'checkout.session';
}

export type CheckoutSessionEventType = 'checkout.session.completed' | 'checkout.session.expired';

/** In the caller's transaction, the one that moved the session. */
export async function writeCheckoutSessionEvent(tx: RawSql, type: CheckoutSessionEventType, account: string, node: CheckoutSessionNode, created: number): Promise<void> {
  const object: CheckoutSessionEventObject = { object: 'checkout.session', ...node };
  await writeOutboxEvent(tx, buildEvent(type, account, { ...object }, created));
}
