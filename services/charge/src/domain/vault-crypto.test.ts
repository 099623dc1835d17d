import { randomBytes } from 'node:crypto';
import { fingerprintOf, openCardNumber, parseVaultKeys, sealCardNumber } from './vault-crypto';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

describe('parseVaultKeys', () => {
  it('makes the first key current and keeps every key for decryption', () => {
    const keyring = parseVaultKeys(`new:${keyB}, old:${keyA}`);
    expect(keyring.currentKeyId).toBe('new');
    expect([...keyring.keys.keys()]).toEqual(['new', 'old']);
    expect(keyring.keys.get('old')).toEqual(Buffer.from(keyA, 'base64'));
  });

  it('accepts base64url keys', () => {
    expect(parseVaultKeys(`k:${randomBytes(32).toString('base64url')}`).keys.get('k')).toHaveLength(32);
  });

  it.each([
    ['', /at least one/],
    [`:${keyA}`, /keyId/],
    ['k1', /keyId/],
    [`k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
    ['k1:not base64!', /32 bytes/],
    [`k1:${keyA},k1:${keyB}`, /twice/],
  ])('refuses %p with a clear message that never contains the key', (spec, message) => {
    expect(() => parseVaultKeys(spec)).toThrow(message);
    try {
      parseVaultKeys(spec);
    } catch (err) {
      expect((err as Error).message).not.toContain(keyA);
    }
  });
});

describe('sealCardNumber / openCardNumber', () => {
  const keyring = parseVaultKeys(`k1:${keyA}`);

  it('round-trips, with a fresh 12-byte IV each time and no plaintext in the ciphertext', () => {
    const first = sealCardNumber(keyring, 'acct_1', 'card_1', '4242424242424242');
    const second = sealCardNumber(keyring, 'acct_1', 'card_1', '4242424242424242');
    expect(first.keyId).toBe('k1');
    expect(first.iv).toHaveLength(12);
    expect(first.authTag).toHaveLength(16);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.ciphertext.toString('latin1')).not.toContain('4242');
    expect(openCardNumber(keyring, 'acct_1', 'card_1', first)).toBe('4242424242424242');
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const sealed = sealCardNumber(keyring, 'acct_1', 'card_1', '4242424242424242');
    const flip = (b: Buffer) => Buffer.from(b.map((byte, i) => (i === 0 ? byte ^ 1 : byte)));
    expect(() => openCardNumber(keyring, 'acct_1', 'card_1', { ...sealed, ciphertext: flip(sealed.ciphertext) })).toThrow();
    expect(() => openCardNumber(keyring, 'acct_1', 'card_1', { ...sealed, authTag: flip(sealed.authTag) })).toThrow();
    expect(() => openCardNumber(keyring, 'acct_1', 'card_1', { ...sealed, iv: flip(sealed.iv) })).toThrow();
  });

  it('refuses a ciphertext moved to another row or account', () => {
    const sealed = sealCardNumber(keyring, 'acct_1', 'card_1', '4242424242424242');
    expect(() => openCardNumber(keyring, 'acct_2', 'card_1', sealed)).toThrow();
    expect(() => openCardNumber(keyring, 'acct_1', 'card_2', sealed)).toThrow();
  });

  it('rotates: old rows still open after a new key goes first, new rows use the new key', () => {
    const old = sealCardNumber(keyring, 'acct_1', 'card_1', '5555555555554444');
    const rotated = parseVaultKeys(`k2:${keyB},k1:${keyA}`);
    expect(openCardNumber(rotated, 'acct_1', 'card_1', old)).toBe('5555555555554444');
    const fresh = sealCardNumber(rotated, 'acct_1', 'card_1', '5555555555554444');
    expect(fresh.keyId).toBe('k2');
    // once k1 is retired, only rows re-encrypted under k2 open
    const retired = parseVaultKeys(`k2:${keyB}`);
    expect(openCardNumber(retired, 'acct_1', 'card_1', fresh)).toBe('5555555555554444');
    expect(() => openCardNumber(retired, 'acct_1', 'card_1', old)).toThrow(/'k1' is not in PAYGATE_VAULT_KEYS/);
  });

  it('refuses a key id that names a different key than the one that sealed it', () => {
    const sealed = sealCardNumber(keyring, 'acct_1', 'card_1', '4242424242424242');
    expect(() => openCardNumber(parseVaultKeys(`k1:${keyB}`), 'acct_1', 'card_1', sealed)).toThrow();
  });
});

describe('fingerprintOf', () => {
  const key = 'f'.repeat(32);

  it('is stable within an account, differs across accounts and keys, and hides the number', () => {
    const fp = fingerprintOf(key, 'acct_1', '4242424242424242');
    expect(fp).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(fingerprintOf(key, 'acct_1', '4242424242424242')).toBe(fp);
    expect(fingerprintOf(key, 'acct_2', '4242424242424242')).not.toBe(fp);
    expect(fingerprintOf(`${key}x`, 'acct_1', '4242424242424242')).not.toBe(fp);
    expect(fingerprintOf(key, 'acct_1', '4000056655665556')).not.toBe(fp);
    expect(fp).not.toContain('4242');
  });
});
