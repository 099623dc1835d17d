import { newId } from '@paygate/chassis';
import { describeCard, NO_CHECKS, testCardExpiry, type CardChecks, type CardNode } from '../domain/card-details';
import type { TestCard } from '../domain/test-cards';
import { fingerprintOf } from '../domain/vault-crypto';
import type { ChargeTx } from '../db/client';
import { storeCardNumber } from '../db/vault';
import type { ChargeDeps } from './deps';

/** Puts a checked number in the vault under a new card_… id and describes it; the number goes no further. */
export async function vaultCard(
  tx: ChargeTx,
  deps: ChargeDeps,
  account: string,
  card: { number: string; expMonth: number; expYear: number; checks: CardChecks },
): Promise<{ vaultCardId: string; card: CardNode }> {
  const vaultCardId = newId('card');
  const fingerprint = fingerprintOf(deps.env.PAYGATE_CARD_FINGERPRINT_KEY, account, card.number);
  await storeCardNumber(tx, deps.env.PAYGATE_VAULT_KEYS, { id: vaultCardId, account, number: card.number, fingerprint, created: deps.clock() });
  return { vaultCardId, card: describeCard(card.number, card, fingerprint, card.checks) };
}

/** A magic token's or pm_card_* alias's test card, vaulted like any card, with Stripe's fixture expiry; its CVC check passes. */
export async function vaultTestCard(tx: ChargeTx, deps: ChargeDeps, account: string, testCard: TestCard): Promise<{ vaultCardId: string; card: CardNode }> {
  return vaultCard(tx, deps, account, { number: testCard.number, ...testCardExpiry(deps.clock()), checks: { ...NO_CHECKS, cvcCheck: 'pass' } });
}
