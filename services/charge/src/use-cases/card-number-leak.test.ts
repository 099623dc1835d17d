import { randomBytes } from 'node:crypto';
import { openCardNumber, parseVaultKeys } from '../domain/vault-crypto';
import type { ChargeDeps } from './deps';
import { createPaymentMethod } from './payment-methods';
import { createToken } from './tokens';

/**
 * Rule 8: the full number lives in vault_cards.ciphertext and nowhere else. This records every
 * row the use cases write (an in-memory stand-in for the few Prisma calls they make) and every
 * object they return, and looks for the number in all of them.
 */
type Row = Record<string, unknown>;

function recordingPrisma() {
  const tables = { vaultCard: [] as Row[], token: [] as Row[], paymentMethod: [] as Row[] };
  const matches = (row: Row, where: Row) => Object.entries(where).every(([k, v]) => row[k] === v);
  const model = (name: keyof typeof tables) => ({
    create: async ({ data }: { data: Row }) => {
      const row = { used: false, customer: null, ...data };
      tables[name].push(row);
      return row;
    },
    findFirst: async ({ where }: { where: Row }) => tables[name].find((row) => matches(row, where)) ?? null,
    updateMany: async ({ where, data }: { where: Row; data: Row }) => {
      const rows = tables[name].filter((row) => matches(row, where));
      rows.forEach((row) => Object.assign(row, data));
      return { count: rows.length };
    },
  });
  const tx = { vaultCard: model('vaultCard'), token: model('token'), paymentMethod: model('paymentMethod') };
  return { tables, prisma: { ...tx, $transaction: (work: (t: typeof tx) => unknown) => work(tx) } };
}

const keyring = parseVaultKeys(`k1:${randomBytes(32).toString('base64')}`);

function depsWith(prisma: unknown): ChargeDeps {
  const env = { PAYGATE_VAULT_KEYS: keyring, PAYGATE_CARD_FINGERPRINT_KEY: 'x'.repeat(32) } as ChargeDeps['env'];
  return { prisma: prisma as ChargeDeps['prisma'], env, clock: () => Date.UTC(2026, 11, 1) / 1000, graph: {} as ChargeDeps['graph'], afterCommit: () => undefined };
}

const NUMBERS = ['4242424242424242', '5555555555554444'];

function expectNoNumber(value: unknown) {
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
  for (const number of NUMBERS) {
    expect(text).not.toContain(number);
    // nor a form long enough to rebuild it (first 12 digits, even separated)
    expect(text.replace(/[\s.-]/g, '')).not.toContain(number.slice(0, 12));
  }
}

describe('the card number never leaves the vault', () => {
  it('tokens and payment methods (raw or from a token) keep it only as ciphertext', async () => {
    const { tables, prisma } = recordingPrisma();
    const deps = depsWith(prisma);
    const token = await createToken(deps, 'acct_test1234', { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Jenny Rosen', addressZip: '94107' } }, null);
    const fromToken = await createPaymentMethod(deps, 'acct_test1234', { type: 'card', card: { token: token.id } }, null);
    const raw = await createPaymentMethod(deps, 'acct_test1234', { type: 'card', card: { number: '5555-5555-5555-4444', expMonth: 1, expYear: 2031, cvc: '999' }, billingDetails: { email: 'j@example.com' } }, null);

    expect(token.card).toMatchObject({ brand: 'visa', last4: '4242', name: 'Jenny Rosen', addressZip: '94107', checks: { cvcCheck: 'unchecked', addressPostalCodeCheck: 'unchecked' } });
    expect(fromToken.card).toMatchObject({ last4: '4242', checks: { cvcCheck: 'pass' } });
    expect(fromToken.billingDetails).toMatchObject({ name: 'Jenny Rosen', address: { postalCode: '94107' } });
    expect(raw.card).toMatchObject({ brand: 'mastercard', last4: '4444', expYear: 2031 });
    expectNoNumber([token, fromToken, raw]);
    expectNoNumber([tables.token, tables.paymentMethod]);

    // The vault holds the numbers, encrypted: the ciphertext columns are the only place they can be recovered from.
    expect(tables.vaultCard).toHaveLength(2);
    expectNoNumber(tables.vaultCard);
    const opened = tables.vaultCard.map((row) =>
      openCardNumber(keyring, row.account as string, row.id as string, { keyId: row.keyId as string, iv: Buffer.from(row.iv as Uint8Array), ciphertext: Buffer.from(row.ciphertext as Uint8Array), authTag: Buffer.from(row.authTag as Uint8Array) }),
    );
    expect(opened).toEqual(NUMBERS);
    expect(tables.token[0]!.used).toBe(true);
  });

  it('an invalid number is refused without being echoed, and nothing is written', async () => {
    const { tables, prisma } = recordingPrisma();
    const attempt = createToken(depsWith(prisma), 'acct_test1234', { card: { number: '4242 4242 4242 4241', expMonth: 12, expYear: 2030 } }, null);
    await expect(attempt).rejects.toMatchObject({ code: 'incorrect_number', details: { param: 'number' } });
    await attempt.catch((err: Error) => expect(err.message).not.toMatch(/4242/));
    expect(Object.values(tables).flat()).toHaveLength(0);
  });
});
