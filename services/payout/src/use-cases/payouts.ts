import { fail, mergeMetadata, requireSecretCaller, type ListArgs, type Metadata, type Page, type SubgraphContext } from '@paygate/chassis';
import type { PayoutTx, PrismaClient } from '../db/client';
import { toPayoutNode, type PayoutNode, type PayoutRow } from '../db/payout-node';
import * as store from '../db/payouts';
import { writePayoutEvent } from '../events/payout-events';
import type { PayoutDeps } from './deps';

type Caller = Pick<SubgraphContext, 'account' | 'keyType'>;

export async function payoutOrThrow(db: PrismaClient | PayoutTx, account: string, id: string): Promise<PayoutRow> {
  const row = await store.findPayout(db, account, id);
  if (!row) throw fail.missing('payout', id.slice(0, 60));
  return row;
}

export async function retrievePayout(deps: PayoutDeps, caller: Caller, id: string): Promise<PayoutNode> {
  requireSecretCaller(caller);
  return toPayoutNode(await payoutOrThrow(deps.prisma, caller.account, id));
}

/** For references (Payout.__resolveReference, originalPayout, reversedBy): null when not this account's or not shown. */
export async function findPayoutNode(deps: PayoutDeps, account: string, id: string): Promise<PayoutNode | null> {
  const row = await store.findPayout(deps.prisma, account, id);
  return row ? toPayoutNode(row) : null;
}

export async function listPayouts(deps: PayoutDeps, caller: Caller, filter: store.PayoutListFilter, args: ListArgs): Promise<Page<PayoutNode>> {
  requireSecretCaller(caller);
  const page = await store.listPayouts(deps.prisma, caller.account, filter, args);
  return { data: page.data.map(toPayoutNode), hasMore: page.hasMore };
}

/** POST /v1/payouts/:id: metadata only (merged; '' removes a key). */
export async function updatePayout(deps: PayoutDeps, caller: Caller, id: string, metadata: Record<string, string> | null | undefined): Promise<PayoutNode> {
  requireSecretCaller(caller);
  const row = await deps.prisma.$transaction(async (tx) => {
    await store.lockPayout(tx, caller.account, id);
    const current = await payoutOrThrow(tx, caller.account, id);
    if (metadata === undefined) return current;
    const updated = await store.updatePayoutMetadata(tx, id, mergeMetadata(current.metadata as Metadata, metadata));
    await writePayoutEvent(tx, 'payout.updated', updated, deps.clock());
    return updated;
  });
  deps.afterCommit();
  return toPayoutNode(row);
}
