import { requireSecretCaller, type ListArgs, type Page } from '@paygate/chassis';
import { listLineItems } from '../db/checkout-session-line-items';
import { toCheckoutSessionLineItemNode, type CheckoutSessionLineItemNode, type CheckoutSessionNode } from '../db/checkout-session-node';
import type { Caller, SessionDeps } from './deps';
import { sessionOrThrow } from './checkout-sessions';

/** How many lines an expanded session embeds (Stripe's first page); the rest are at /line_items. */
export const EMBEDDED_LINE_ITEMS = 10;

/** The lines of a session already known to be the caller's (CheckoutSession.lineItems). */
export async function lineItemsOf(deps: SessionDeps, account: string, session: Pick<CheckoutSessionNode, 'id' | 'created'>, args: ListArgs): Promise<Page<CheckoutSessionLineItemNode>> {
  const page = await listLineItems(deps.prisma, account, session.id, args);
  return { data: page.data.map((row) => toCheckoutSessionLineItemNode(row, session.created)), hasMore: page.hasMore };
}

/** GET /v1/checkout/sessions/:id/line_items: 404 when the session is not the caller's. */
export async function listCheckoutSessionLineItems(deps: SessionDeps, caller: Caller, id: string, args: ListArgs): Promise<Page<CheckoutSessionLineItemNode>> {
  requireSecretCaller(caller);
  const session = await sessionOrThrow(deps.prisma, caller.account, id);
  return lineItemsOf(deps, caller.account, session, args);
}

/** CheckoutSession.lineItemList: the id at once, the page read only if data or hasMore is selected (once for both). */
export function embeddedLineItems(deps: SessionDeps, account: string, session: Pick<CheckoutSessionNode, 'id' | 'created'>) {
  let page: Promise<Page<CheckoutSessionLineItemNode>> | null = null;
  const read = () => (page ??= lineItemsOf(deps, account, session, { limit: EMBEDDED_LINE_ITEMS }));
  return { id: session.id, data: async () => (await read()).data, hasMore: async () => (await read()).hasMore };
}
