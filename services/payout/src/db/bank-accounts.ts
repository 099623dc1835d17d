import { type ListArgs, listPage, type Metadata, type Page } from '@paygate/chassis';
import type { PayoutTx, PrismaClient } from './client';
import type { BankAccount as BankAccountRow, Prisma } from './generated/client';

/** Persistence of bank accounts (external accounts): rows in, rows out. No account number is ever stored. */
type Db = PrismaClient | PayoutTx;

export type { BankAccountRow };
export type NewBankAccount = Omit<Prisma.BankAccountUncheckedCreateInput, 'seq'>;

/** Serializes the first use of an account's bank accounts, so two concurrent requests create one default. */
export async function lockBankAccounts(tx: PayoutTx, account: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 7042004))', `bank_accounts:${account}`);
}

export function countBankAccounts(tx: PayoutTx, account: string): Promise<number> {
  return tx.bankAccount.count({ where: { account } });
}

export function insertBankAccount(tx: PayoutTx, data: NewBankAccount): Promise<BankAccountRow> {
  return tx.bankAccount.create({ data: { ...data, metadata: data.metadata as Metadata } });
}

/** The account's default for `currency` is no longer the default (another one becomes it). */
export async function clearDefaultForCurrency(tx: PayoutTx, account: string, currency: string): Promise<void> {
  await tx.bankAccount.updateMany({ where: { account, currency, defaultForCurrency: true }, data: { defaultForCurrency: false } });
}

export function hasBankAccountIn(tx: PayoutTx, account: string, currency: string): Promise<boolean> {
  return tx.bankAccount.count({ where: { account, currency } }).then((n) => n > 0);
}

export function findBankAccount(db: Db, account: string, id: string): Promise<BankAccountRow | null> {
  return db.bankAccount.findFirst({ where: { id, account } });
}

export function defaultBankAccount(db: Db, account: string, currency: string): Promise<BankAccountRow | null> {
  return db.bankAccount.findFirst({ where: { account, currency, defaultForCurrency: true }, orderBy: { seq: 'asc' } });
}

export function listBankAccounts(db: Db, account: string, args: ListArgs): Promise<Page<BankAccountRow>> {
  return listPage(db.bankAccount, { where: { account }, kind: 'external account', toNode: (row) => row }, args);
}
