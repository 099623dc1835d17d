import { behaviourOf, type CardBehaviour } from '../domain/test-cards';
import { openCardNumber, sealCardNumber, type SealedCardNumber, type VaultKeyring } from '../domain/vault-crypto';
import type { ChargeTx, PrismaClient } from './client';

/**
 * The card vault: the only place a full card number is stored (vault_cards.ciphertext). Numbers go
 * in, and what comes out is never the number: only the network behaviour it stands for.
 */
export interface VaultCardInput {
  id: string;
  account: string;
  number: string;
  fingerprint: string;
  created: number;
}

function columnsOf(sealed: SealedCardNumber) {
  return { keyId: sealed.keyId, iv: new Uint8Array(sealed.iv), ciphertext: new Uint8Array(sealed.ciphertext), authTag: new Uint8Array(sealed.authTag) };
}

function sealedOf(row: { keyId: string; iv: Uint8Array; ciphertext: Uint8Array; authTag: Uint8Array }): SealedCardNumber {
  return { keyId: row.keyId, iv: Buffer.from(row.iv), ciphertext: Buffer.from(row.ciphertext), authTag: Buffer.from(row.authTag) };
}

export async function storeCardNumber(tx: ChargeTx, keyring: VaultKeyring, card: VaultCardInput): Promise<void> {
  const sealed = sealCardNumber(keyring, card.account, card.id, card.number);
  await tx.vaultCard.create({
    data: { id: card.id, account: card.account, fingerprint: card.fingerprint, created: card.created, ...columnsOf(sealed) },
  });
}

/** How the simulated network treats the vaulted card: decrypted here, and the number dropped here. */
export async function vaultedCardBehaviour(tx: ChargeTx, keyring: VaultKeyring, account: string, id: string): Promise<CardBehaviour> {
  const row = await tx.vaultCard.findFirst({ where: { id, account } });
  if (!row) throw new Error(`vault card ${id} is missing`);
  return behaviourOf(openCardNumber(keyring, account, id, sealedOf(row)));
}

export interface ReencryptionReport {
  reencrypted: number;
  /** Rows still under an old key: 0 once the command has run to completion. */
  remaining: number;
}

/**
 * Moves every row not under the current key to it, `batchSize` rows per transaction (rows locked
 * with SKIP LOCKED, so two runs never fight over a row). Idempotent: a second run finds nothing.
 */
export async function reencryptVault(prisma: PrismaClient, keyring: VaultKeyring, batchSize = 100): Promise<ReencryptionReport> {
  let reencrypted = 0;
  for (;;) {
    const moved = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; account: string; keyId: string; iv: Uint8Array; ciphertext: Uint8Array; authTag: Uint8Array }[]>`
        SELECT id, account, key_id AS "keyId", iv, ciphertext, auth_tag AS "authTag" FROM vault_cards
        WHERE key_id <> ${keyring.currentKeyId} ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const number = openCardNumber(keyring, row.account, row.id, sealedOf(row));
        await tx.vaultCard.update({ where: { id: row.id }, data: columnsOf(sealCardNumber(keyring, row.account, row.id, number)) });
      }
      return rows.length;
    });
    reencrypted += moved;
    if (moved < batchSize) break;
  }
  const remaining = await prisma.vaultCard.count({ where: { keyId: { not: keyring.currentKeyId } } });
  return { reencrypted, remaining };
}
