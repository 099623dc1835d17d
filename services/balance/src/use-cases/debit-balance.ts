import { hasIdShape, PaygateError, parseCurrency, requireServiceCaller, type SubgraphContext } from '@paygate/chassis';
import { payoutDebitTime, refundDebitTime } from '../domain/debit-rule';
import { movementEntry } from '../domain/ledger';
import { findEntryById, findEntryOf, insertDebit, ledgerProfile, lockBalance } from '../db/debits';
import { toBalanceTransactionNode, type BalanceTransactionNode, type BalanceTransactionRow } from '../db/ledger';
import type { BalanceDeps } from './deps';

export type BalanceDebitType = 'refund' | 'payout';

/** GraphQL `BalanceDebitInput`: the caller pre-assigns the entry's id, so a retry names the same entry. */
export interface BalanceDebitInput {
  source: string;
  type: BalanceDebitType;
  amount: number;
  currency: string;
  balanceTransactionId: string;
  description?: string | null;
}

const SOURCE_KIND = { refund: 'refund', payout: 'payout' } as const;

function validate(input: BalanceDebitInput): string {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new PaygateError('parameter_invalid_integer', 'A debit amount is a positive integer.', { param: 'amount' });
  if (!hasIdShape(SOURCE_KIND[input.type], input.source)) throw new PaygateError('invalid_request', `A ${input.type} debit's source is a ${input.type} id, not '${input.source.slice(0, 60)}'.`, { param: 'source' });
  if (!hasIdShape('balanceTransaction', input.balanceTransactionId)) throw new PaygateError('invalid_request', 'balanceTransactionId must be a txn_ id.', { param: 'balanceTransactionId' });
  return parseCurrency(input.currency);
}

/** A retry of the same debit gets the entry it made; anything else under its source or id is a caller's bug. */
function sameDebit(row: BalanceTransactionRow, input: BalanceDebitInput, currency: string): boolean {
  return row.id === input.balanceTransactionId && row.source === input.source && row.type === input.type && row.amount === -input.amount && row.currency === currency;
}

function conflict(input: BalanceDebitInput): PaygateError {
  return new PaygateError('invalid_request', `A different entry is already booked for ${input.type} ${input.source} or under ${input.balanceTransactionId}.`, { param: 'balanceTransactionId' });
}

function insufficient(input: BalanceDebitInput, currency: string): PaygateError {
  return new PaygateError(
    'balance_insufficient',
    input.type === 'payout'
      ? `You have insufficient funds in your Paygate account for this payout: your available ${currency} balance is too low. You can use the /v1/balance endpoint to view your balance.`
      : `You have insufficient funds in your Paygate account to refund this charge: your ${currency} balance is too low now and once pending funds become available.`,
    { param: 'amount' },
  );
}

/**
 * Service-only: books the negative entry of a refund or a payout, in one transaction — the
 * per-(account, currency) lock, the idempotency check by source, the debit rule (src/domain/debit-rule.ts),
 * the insert. Idempotent by source: a retry returns the entry already booked. balance_insufficient
 * (400) when the balance cannot cover it; nothing is written then.
 */
export async function debitBalance(deps: BalanceDeps, caller: Pick<SubgraphContext, 'account' | 'keyType'>, input: BalanceDebitInput): Promise<BalanceTransactionNode> {
  requireServiceCaller(caller);
  const currency = validate(input);
  const { account } = caller;
  const now = deps.clock();
  const row = await deps.prisma.$transaction(async (tx) => {
    await lockBalance(tx, account, currency);
    const booked = (await findEntryOf(tx, account, input.source, input.type)) ?? (await findEntryById(tx, input.balanceTransactionId));
    if (booked) {
      if (booked.account !== account || !sameDebit(booked, input, currency)) throw conflict(input);
      return booked;
    }
    const profile = await ledgerProfile(tx, account, currency, now);
    const at = input.type === 'payout' ? payoutDebitTime(profile, now, input.amount) : refundDebitTime(profile, now, input.amount);
    if (at === null) throw insufficient(input, currency);
    const entry = movementEntry(
      { id: input.balanceTransactionId, type: input.type, amount: -input.amount, currency, source: input.source, description: input.description ?? null },
      at,
      now,
    );
    return insertDebit(tx, account, entry);
    // Debits of one account and currency queue on the lock: wait for it rather than fail under a burst.
  }, { maxWait: 10_000, timeout: 20_000 });
  return toBalanceTransactionNode(row, now);
}
