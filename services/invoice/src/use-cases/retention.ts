import { pruneIdempotentEffects } from '@paygate/chassis';
import type { InvoiceDeps } from './deps';

/** Periodic: Idempotency-Keys past the edge's 24 h lifetime can never be replayed; returns how many went. */
export async function pruneExpiredKeys(deps: InvoiceDeps): Promise<number> {
  return pruneIdempotentEffects(deps.prisma);
}
