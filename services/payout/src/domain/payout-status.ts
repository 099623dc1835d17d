import { PaygateError } from '@paygate/chassis';

/**
 * Payout states and the values around them. The wire statuses are Stripe's own strings; a stored row
 * may also be in one of two internal states that are never shown (the reservation protocol,
 * src/use-cases/payout-create.ts). The switches are exhaustive and stop compiling when a value is
 * added without a decision.
 */
export const PAYOUT_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** reserving: the row exists, the balance debit may or may not be booked yet; refused: the balance could not cover it (dead). */
export const INTERNAL_PAYOUT_STATUSES = ['reserving', 'refused'] as const;
export type PayoutRowStatus = PayoutStatus | (typeof INTERNAL_PAYOUT_STATUSES)[number];

/** The status a merchant sees, or null for a row that does not exist for them (yet, or ever). */
export function wirePayoutStatus(status: PayoutRowStatus): PayoutStatus | null {
  switch (status) {
    case 'reserving':
    case 'refused':
      return null;
    case 'pending':
    case 'in_transit':
    case 'paid':
    case 'failed':
    case 'canceled':
      return status;
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled payout row status ${String(unhandled)}`);
    }
  }
}

/** The row statuses a read may return. */
export const VISIBLE_PAYOUT_STATUSES: readonly PayoutStatus[] = PAYOUT_STATUSES.filter((s) => wirePayoutStatus(s) !== null);

export const PAYOUT_METHODS = ['standard', 'instant'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export const PAYOUT_TYPES = ['bank_account', 'card'] as const;
export type PayoutType = (typeof PAYOUT_TYPES)[number];

export const PAYOUT_RECONCILIATION_STATUSES = ['not_applicable', 'in_progress', 'completed'] as const;
export type PayoutReconciliationStatus = (typeof PAYOUT_RECONCILIATION_STATUSES)[number];

function oneOf<T extends string>(values: readonly T[], what: string, text: string): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new Error(`Unknown payout ${what} '${text}'`);
}

/** A stored value as a typed one (a value we never write is a bug, not a client error). */
export const parsePayoutStatus = (text: string) => oneOf(PAYOUT_STATUSES, 'status', text);
export const parsePayoutRowStatus = (text: string): PayoutRowStatus => oneOf<PayoutRowStatus>([...PAYOUT_STATUSES, ...INTERNAL_PAYOUT_STATUSES], 'status', text);
export const parsePayoutMethod = (text: string) => oneOf(PAYOUT_METHODS, 'method', text);
export const parsePayoutType = (text: string) => oneOf(PAYOUT_TYPES, 'type', text);
export const parsePayoutReconciliationStatus = (text: string) => oneOf(PAYOUT_RECONCILIATION_STATUSES, 'reconciliation_status', text);

/** Where a payout may go next: pending → in_transit → paid | failed, and canceled only from pending. */
export function nextPayoutStatuses(status: PayoutStatus): readonly PayoutStatus[] {
  switch (status) {
    case 'pending':
      return ['in_transit', 'canceled'];
    case 'in_transit':
      return ['paid', 'failed'];
    case 'paid':
    case 'failed':
    case 'canceled':
      return [];
    default: {
      const unhandled: never = status;
      throw new Error(`Unhandled payout status ${String(unhandled)}`);
    }
  }
}

export function isTerminal(status: PayoutStatus): boolean {
  return nextPayoutStatuses(status).length === 0;
}

export function canTransition(from: PayoutStatus, to: PayoutStatus): boolean {
  return nextPayoutStatuses(from).includes(to);
}

/** POST /v1/payouts/:id/cancel: only a pending payout (not yet sent to the bank) can be canceled. */
export function assertCancelable(id: string, status: PayoutStatus): void {
  if (!canTransition(status, 'canceled')) {
    throw new PaygateError('invalid_request', `Payout ${id} cannot be canceled: only pending payouts can be canceled, and this one is ${status}.`);
  }
}
