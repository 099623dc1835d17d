import { createHash } from 'node:crypto';
import { PaygateError } from '@paygate/chassis';
import type { Claim } from '../db/idempotency';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** JSON with sorted keys, so the same params hash the same whatever order they were sent in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, params: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(params)}`).digest('hex');
}

export function checkIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new PaygateError('invalid_request', `Invalid Idempotency-Key: it must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters long.`, { param: 'Idempotency-Key' });
  }
}

/** Stripe's answers for a key that cannot run now. */
export function claimError(claim: Extract<Claim, { outcome: 'mismatch' | 'in_progress' }>, key: string): PaygateError {
  if (claim.outcome === 'mismatch') {
    return new PaygateError(
      'idempotency_key_mismatch',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  return new PaygateError(
    'idempotency_key_in_use',
    'There is currently another in-progress request using this Stripe-compatible idempotency key (perhaps due to using the same idempotent key). Please try again later.',
  );
}
