import { entityRef, type EntityRef, type Metadata } from '@paygate/chassis';
import {
  parsePayoutMethod,
  parsePayoutReconciliationStatus,
  parsePayoutRowStatus,
  parsePayoutType,
  wirePayoutStatus,
  type PayoutMethod,
  type PayoutReconciliationStatus,
  type PayoutStatus,
  type PayoutType,
} from '../domain/payout-status';
import type { Payout as PayoutRow } from './generated/client';

export type { PayoutRow };

/**
 * The payout as the graph shows it (GraphQL `Payout`). destinationId, originalPayoutId and reversedById
 * back the `destination`, `originalPayout` and `reversedBy` fields, which resolve to objects of this service.
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
  destinationId: string | null;
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

/** A visible row as the graph shows it; a reservation (reserving, refused) has no wire form. */
export function toPayoutNode(row: PayoutRow): PayoutNode {
  const status = wirePayoutStatus(parsePayoutRowStatus(row.status));
  if (!status) throw new Error(`payout ${row.id} is ${row.status}: internal, never shown`);
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    amount: row.amount,
    currency: row.currency,
    arrivalDate: row.arrivalDate,
    status,
    automatic: row.automatic,
    method: parsePayoutMethod(row.method),
    type: parsePayoutType(row.type),
    sourceType: row.sourceType,
    destinationId: row.destination,
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
