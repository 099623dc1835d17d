import { entityRef, type EntityRef, fail, type ListArgs, listPage, type Metadata, type Page } from '@paygate/chassis';
import {
  parsePayoutMethod,
  parsePayoutReconciliationStatus,
  parsePayoutStatus,
  parsePayoutType,
  type PayoutMethod,
  type PayoutReconciliationStatus,
  type PayoutStatus,
  type PayoutType,
} from '../domain/payout-status';
import type { PrismaClient } from './client';
import type { Payout as PayoutRow } from './generated/client';

/**
 * The payout as the graph shows it (GraphQL `Payout`). originalPayoutId / reversedById back the
 * `originalPayout` / `reversedBy` fields, which resolve to payouts of this same service.
 */
export interface PayoutNode {
  id: string;
  created: number;
  livemode: false;
  amount: number;
  currency: string;
  arrivalDate: number;
  status: PayoutStatus;
  automatic: boolean;
  method: PayoutMethod;
  type: PayoutType;
  sourceType: string;
  destination: string | null;
  description: string | null;
  statementDescriptor: string | null;
  reconciliationStatus: PayoutReconciliationStatus;
  balanceTransaction: EntityRef<'BalanceTransaction'> | null;
  failureBalanceTransaction: EntityRef<'BalanceTransaction'> | null;
  failureCode: string | null;
  failureMessage: string | null;
  originalPayoutId: string | null;
  reversedById: string | null;
  metadata: Metadata;
}

export function toPayoutNode(row: PayoutRow): PayoutNode {
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    amount: row.amount,
    currency: row.currency,
    arrivalDate: row.arrivalDate,
    status: parsePayoutStatus(row.status),
    automatic: row.automatic,
    method: parsePayoutMethod(row.method),
    type: parsePayoutType(row.type),
    sourceType: row.sourceType,
    destination: row.destination,
    description: row.description,
    statementDescriptor: row.statementDescriptor,
    reconciliationStatus: parsePayoutReconciliationStatus(row.reconciliationStatus),
    balanceTransaction: entityRef('BalanceTransaction', row.balanceTransactionId),
    failureBalanceTransaction: entityRef('BalanceTransaction', row.failureBalanceTransactionId),
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    originalPayoutId: row.originalPayoutId,
    reversedById: row.reversedById,
    metadata: row.metadata as Metadata,
  };
}

/** Payout reads. Every read is scoped to the calling account. */
export class PayoutStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** A payout of this account, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<PayoutNode | null> {
    const row = await this.prisma.payout.findFirst({ where: { id, account } });
    return row ? toPayoutNode(row) : null;
  }

  async retrieve(account: string, id: string): Promise<PayoutNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('payout', id);
    return node;
  }

  /** Newest first. */
  async list(account: string, args: ListArgs): Promise<Page<PayoutNode>> {
    return listPage(this.prisma.payout, { where: { account }, kind: 'payout', toNode: toPayoutNode }, args);
  }
}
