import { randomBytes } from 'node:crypto';
import { loadEnv, loadVaultEnv } from './env';

const base = {
  DATABASE_URL: 'postgresql://127.0.0.1/paygate_charge',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PAYGATE_CONTEXT_SECRET: 'c'.repeat(32),
  PAYGATE_CARD_FINGERPRINT_KEY: 'f'.repeat(32),
};

describe('charge env', () => {
  it('parses PAYGATE_VAULT_KEYS into a keyring whose first key encrypts', () => {
    const [k1, k2] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const env = loadEnv({ ...base, PAYGATE_VAULT_KEYS: `k2:${k2},k1:${k1}` });
    expect(env.PAYGATE_VAULT_KEYS.currentKeyId).toBe('k2');
    expect(env.PAYGATE_VAULT_KEYS.keys.get('k1')).toEqual(Buffer.from(k1, 'base64'));
    expect(env.PORT).toBe(4104);
  });

  it('fails fast, naming the variable and the format, without echoing key material', () => {
    expect(() => loadEnv(base)).toThrow(/PAYGATE_VAULT_KEYS: required: keyId:base64key/);
    const short = randomBytes(16).toString('base64');
    let message = '';
    try {
      loadVaultEnv({ DATABASE_URL: base.DATABASE_URL, PAYGATE_VAULT_KEYS: `k1:${short}` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/PAYGATE_VAULT_KEYS: entry 1 \('k1'\): the key must be 32 bytes/);
    expect(message).not.toContain(short);
  });
});
