import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The vault's cryptography, pure: AES-256-GCM under a keyring from the environment, and the keyed
 * fingerprint. The first key encrypts, every key decrypts, so keys rotate without downtime
 * (vault-reencrypt.ts then moves old rows to the current key).
 */
export interface VaultKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface SealedCardNumber {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/** `keyId:base64key,…` → keyring; the problems are listed without ever echoing key material. */
export function parseVaultKeys(spec: string): VaultKeyring {
  const entries = spec.split(',').map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('must list at least one keyId:base64key (the first one encrypts)');
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const keyId = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    const where = `entry ${index + 1}`;
    if (!KEY_ID.test(keyId)) throw new Error(`${where}: expected keyId:base64key with a keyId of 1-32 letters, digits, '_' or '-'`);
    if (keys.has(keyId)) throw new Error(`${where}: key id '${keyId}' appears twice`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64') : Buffer.alloc(0);
    if (key.length !== 32) throw new Error(`${where} ('${keyId}'): the key must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
    keys.set(keyId, key);
  });
  return { currentKeyId: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
}

/** Additional data binds a ciphertext to its row: moved to another row or account, it no longer opens. */
function aad(account: string, vaultCardId: string): Buffer {
  return Buffer.from(`${account}/${vaultCardId}`);
}

export function sealCardNumber(keyring: VaultKeyring, account: string, vaultCardId: string, number: string): SealedCardNumber {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(account, vaultCardId));
  const ciphertext = Buffer.concat([cipher.update(number, 'utf8'), cipher.final()]);
  return { keyId: keyring.currentKeyId, iv, ciphertext, authTag: cipher.getAuthTag() };
}

/** Throws when the key id is unknown or the row was tampered with (GCM authentication fails). */
export function openCardNumber(keyring: VaultKeyring, account: string, vaultCardId: string, sealed: SealedCardNumber): string {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new Error(`vault key '${sealed.keyId}' is not in PAYGATE_VAULT_KEYS`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(aad(account, vaultCardId));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}

/**
 * Stripe's fingerprint: the same number gives the same value within an account and a different one
 * across accounts (so it cannot link cardholders between merchants), and reveals nothing of the number.
 */
export function fingerprintOf(fingerprintKey: string, account: string, number: string): string {
  return createHmac('sha256', fingerprintKey).update(`${account}\u0000${number}`).digest('base64').replace(/[+/=]/g, '').slice(0, 16);
}
