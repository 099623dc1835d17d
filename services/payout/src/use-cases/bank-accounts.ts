import { fail, mergeMetadata, newId, PaygateError, parseCurrency, requireSecretCaller, type ListArgs, type Page, type SubgraphContext } from '@paygate/chassis';
import { assertAccountNumber, assertRoutingNumber, bankAccountFingerprint, last4Of } from '../domain/bank-account-number';
import { DEFAULT_TEST_ACCOUNT_NUMBER, TEST_BANK_NAME, TEST_ROUTING_NUMBER, testFailureCodeOf } from '../domain/test-bank-accounts';
import * as store from '../db/bank-accounts';
import type { PayoutTx } from '../db/client';
import type { PayoutDeps } from './deps';

type Caller = Pick<SubgraphContext, 'account' | 'keyType'>;

/** GraphQL `BankAccountCreateInput`: Stripe's external_account[…] hash for a bank account. */
export interface BankAccountCreateParams {
  country: string;
  currency: string;
  routingNumber?: string | null;
  accountNumber: string;
  accountHolderName?: string | null;
  accountHolderType?: string | null;
  defaultForCurrency?: boolean | null;
  metadata?: Record<string, string> | null;
}

/** Stripe's answer for an account id that is not the caller's (connected accounts do not exist here). */
function assertOwnAccount(caller: Caller, account: string): void {
  requireSecretCaller(caller);
  if (account !== caller.account) {
    throw new PaygateError('permission_denied', `The provided key does not have access to account '${account.slice(0, 60)}' (or that account does not exist). Application access may have been revoked.`, { param: 'account' });
  }
}

function bankAccountData(deps: PayoutDeps, account: string, input: BankAccountCreateParams, now: number): store.NewBankAccount {
  const country = input.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new PaygateError('invalid_request', 'Invalid country: a two-letter ISO code', { param: 'external_account[country]' });
  const currency = parseCurrency(input.currency, 'external_account[currency]');
  const routingNumber = assertRoutingNumber(country, input.routingNumber);
  const accountNumber = assertAccountNumber(input.accountNumber);
  if (input.accountHolderType && !['individual', 'company'].includes(input.accountHolderType)) {
    throw new PaygateError('invalid_request', 'Invalid account_holder_type: must be one of individual, company', { param: 'external_account[account_holder_type]' });
  }
  return {
    id: newId('bankAccount'),
    account,
    created: now,
    country,
    currency,
    routingNumber,
    last4: last4Of(accountNumber),
    fingerprint: bankAccountFingerprint(deps.env.bankFingerprintKey, country, routingNumber, accountNumber),
    bankName: routingNumber === TEST_ROUTING_NUMBER ? TEST_BANK_NAME : null,
    accountHolderName: input.accountHolderName ?? null,
    accountHolderType: input.accountHolderType ?? null,
    testFailureCode: testFailureCodeOf(accountNumber),
    defaultForCurrency: false,
    status: 'new',
    metadata: mergeMetadata({}, input.metadata ?? {}),
  };
}

/**
 * Every account starts with a test bank account (STRIPE TEST BANK, routing 110000000, account
 * 000123456789, usd, default), made the first time anything asks for its bank accounts.
 */
export async function ensureDefaultBankAccount(tx: PayoutTx, deps: PayoutDeps, account: string): Promise<void> {
  await store.lockBankAccounts(tx, account);
  if ((await store.countBankAccounts(tx, account)) > 0) return;
  const data = bankAccountData(deps, account, { country: 'US', currency: 'usd', routingNumber: TEST_ROUTING_NUMBER, accountNumber: DEFAULT_TEST_ACCOUNT_NUMBER }, deps.clock());
  await store.insertBankAccount(tx, { ...data, defaultForCurrency: true });
}

/** A payout's destination: the one asked for (this account's, in the payout's currency), or the currency's default. */
export async function payoutDestination(tx: PayoutTx, deps: PayoutDeps, account: string, currency: string, destination: string | null): Promise<store.BankAccountRow> {
  await ensureDefaultBankAccount(tx, deps, account);
  if (destination) {
    const chosen = await store.findBankAccount(tx, account, destination);
    if (!chosen) throw fail.missing('external account', destination.slice(0, 60), 'destination');
    if (chosen.currency !== currency) {
      throw new PaygateError('invalid_request', `The currency of the bank account ${chosen.id} (${chosen.currency}) does not match the payout's currency (${currency}).`, { param: 'destination' });
    }
    return chosen;
  }
  const fallback = await store.defaultBankAccount(tx, account, currency);
  if (!fallback) throw new PaygateError('invalid_request', `You don't have any external accounts in that currency (${currency}).`, { param: 'currency' });
  return fallback;
}

/** POST /v1/accounts/:account/external_accounts: the first account in a currency is its default. */
export async function createBankAccount(deps: PayoutDeps, caller: Caller, account: string, input: BankAccountCreateParams): Promise<store.BankAccountRow> {
  assertOwnAccount(caller, account);
  const data = bankAccountData(deps, account, input, deps.clock());
  return deps.prisma.$transaction(async (tx) => {
    await ensureDefaultBankAccount(tx, deps, account);
    const first = !(await store.hasBankAccountIn(tx, account, data.currency));
    if (input.defaultForCurrency && !first) await store.clearDefaultForCurrency(tx, account, data.currency);
    return store.insertBankAccount(tx, { ...data, defaultForCurrency: first || Boolean(input.defaultForCurrency) });
  });
}

export async function listBankAccounts(deps: PayoutDeps, caller: Caller, account: string, args: ListArgs): Promise<Page<store.BankAccountRow>> {
  assertOwnAccount(caller, account);
  await deps.prisma.$transaction((tx) => ensureDefaultBankAccount(tx, deps, account));
  return store.listBankAccounts(deps.prisma, account, args);
}

export async function retrieveBankAccount(deps: PayoutDeps, caller: Caller, account: string, id: string): Promise<store.BankAccountRow> {
  assertOwnAccount(caller, account);
  await deps.prisma.$transaction((tx) => ensureDefaultBankAccount(tx, deps, account));
  const row = await store.findBankAccount(deps.prisma, account, id);
  if (!row) throw fail.missing('external account', id.slice(0, 60));
  return row;
}

/** Payout.destination: the bank account, whatever its state (null when not this account's). */
export function findBankAccount(deps: PayoutDeps, account: string, id: string): Promise<store.BankAccountRow | null> {
  return store.findBankAccount(deps.prisma, account, id);
}
