import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';
import { parseVaultKeys, type VaultKeyring } from './domain/vault-crypto';

/** The only reader of process.env in this service. */
export const chargeEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4104),
  /** Key of the card fingerprint HMAC: the same card has the same fingerprint within a deployment. */
  PAYGATE_CARD_FINGERPRINT_KEY: z.string().min(32, 'must be at least 32 characters'),
  /**
   * The card vault's AES-256-GCM keys: `keyId:base64key,…` (32-byte keys). The FIRST encrypts; all
   * decrypt, so a new key goes first and the old one stays until `pnpm vault:reencrypt` has run.
   */
  PAYGATE_VAULT_KEYS: z.string({ error: 'required: keyId:base64key[,keyId:base64key…] (32-byte keys; the first encrypts)' }).transform((spec, ctx): VaultKeyring => {
    try {
      return parseVaultKeys(spec);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `${(err as Error).message}; format keyId:base64key[,keyId:base64key…]` });
      return z.NEVER;
    }
  }),
  /** The federated graph, for reads of other services' objects (does a customer exist?). */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The edge's public address: hosted pages (3-D Secure) are linked there. */
  PAYGATE_PUBLIC_URL: z.url().default('http://127.0.0.1:4000'),
  /** Shown as calculated_statement_descriptor when a charge sets none. */
  STATEMENT_DESCRIPTOR: z.string().max(22).default('PAYGATE'),
});
export type ChargeEnv = z.infer<typeof chargeEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): ChargeEnv {
  return parseEnv(chargeEnvSchema, source);
}

/** What `pnpm vault:reencrypt` needs: the database and the keyring, nothing of the server. */
export const vaultEnvSchema = chargeEnvSchema.pick({ DATABASE_URL: true, PAYGATE_VAULT_KEYS: true });
export type VaultEnv = z.infer<typeof vaultEnvSchema>;

export function loadVaultEnv(source: NodeJS.ProcessEnv = process.env): VaultEnv {
  return parseEnv(vaultEnvSchema, source);
}
