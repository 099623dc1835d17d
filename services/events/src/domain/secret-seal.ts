import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Endpoint signing secrets at rest: AES-256-GCM under PAYGATE_WEBHOOK_SECRET_KEY, bound to the
 * endpoint id (additional data), so a copied row or a read of the table does not give the secret.
 * The secret must be readable (it signs every delivery), so it is sealed, not hashed.
 */
const b64 = (buf: Buffer) => buf.toString('base64url');

export function sealSecret(key: Buffer, endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(endpointId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ciphertext)}`;
}

/** Throws when the key is not the one it was sealed with or the row was altered. */
export function openSecret(key: Buffer, endpointId: string, sealed: string): string {
  const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error(`sealed secret of ${endpointId} is malformed`);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
