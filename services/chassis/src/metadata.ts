import { PaygateError } from './errors';

/** Stripe's metadata: ≤ 50 keys, key ≤ 40 chars without brackets, value ≤ 500 chars, strings only. */
export type Metadata = Record<string, string>;

export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

function invalid(message: string, param = 'metadata'): PaygateError {
  return new PaygateError('metadata_invalid', message, { param });
}

/**
 * Check a metadata patch as a client sent it (values may be '' to delete a key), with Stripe's
 * messages. `null` means "clear all" and is valid.
 */
export function validateMetadataPatch(patch: unknown): asserts patch is Record<string, string> | null {
  if (patch === null) return;
  if (typeof patch !== 'object' || Array.isArray(patch)) throw invalid('Invalid object', 'metadata');
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (key.length === 0) throw invalid('Metadata keys must not be empty.', 'metadata');
    if (key.length > METADATA_LIMITS.keyLength) {
      throw invalid(`Metadata keys can have up to ${METADATA_LIMITS.keyLength} characters; the key '${key.slice(0, 60)}' has ${key.length}.`, `metadata[${key.slice(0, 60)}]`);
    }
    if (/[[\]]/.test(key)) throw invalid(`Metadata keys cannot contain '[' or ']': '${key}'`, `metadata[${key}]`);
    if (typeof value !== 'string') throw invalid(`Metadata values must be strings; '${key}' is not.`, `metadata[${key}]`);
    if (value.length > METADATA_LIMITS.valueLength) {
      throw invalid(`Metadata values can have up to ${METADATA_LIMITS.valueLength} characters, but you passed in a value that is ${value.length} characters. Invalid value: ${value.slice(0, 40)}…`, `metadata[${key}]`);
    }
  }
}

/** Merge a patch into existing metadata: keys merge, '' removes a key, null clears all; then the key cap. */
export function mergeMetadata(current: Metadata, patch: Record<string, string> | null | undefined): Metadata {
  if (patch === undefined) return current;
  if (patch === null) return {};
  validateMetadataPatch(patch);
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > METADATA_LIMITS.keys) {
    throw invalid(`You can have at most ${METADATA_LIMITS.keys} keys in metadata; this request would leave ${Object.keys(next).length}.`);
  }
  return next;
}
