import { PaygateError } from '@paygate/chassis';
import { EMPTY_BILLING_DETAILS, type BillingDetails } from '../domain/billing-details';
import { checksAtUse, detailsOf, type CardDetails, type CardNode } from '../domain/card-details';
import { normalizeCardNumber } from '../domain/card-number';
import { isMagicToken, isPaymentMethodAlias, testCardForAlias, type CardBehaviour } from '../domain/test-cards';
import type { ChargeTx } from '../db/client';
import { findPaymentMethod, newestAttachedPaymentMethod, type PaymentMethodRow } from '../db/payment-methods';
import { findTokenByCardId, type TokenRow } from '../db/tokens';
import { vaultedCardBehaviour } from '../db/vault';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { createPaymentMethodFromTestCard } from './payment-methods';
import { tokenCardParts, useToken, type TokenCard } from './tokens';
import { vaultTestCard } from './vault-card';

export type { BillingDetails, CardDetails };

/** The card a charge or intent pays with, resolved from whatever id it names. */
export interface ResolvedCard {
  /** pm_… (payment methods; a pm_card_* alias creates a real payment method row, as Stripe does) or card_… (tokens, for legacy charges). */
  paymentMethodId: string;
  customer: string | null;
  details: CardDetails;
  behaviour: CardBehaviour;
  billingDetails: BillingDetails;
}

function fromPaymentMethod(row: PaymentMethodRow, behaviour: CardBehaviour): ResolvedCard {
  return {
    paymentMethodId: row.id, customer: row.customer, behaviour,
    details: detailsOf(row.card as unknown as CardNode), billingDetails: row.billingDetails as unknown as BillingDetails,
  };
}

function fromToken(row: TokenRow, behaviour: CardBehaviour): ResolvedCard {
  const { card, holder } = tokenCardParts(row.card as unknown as TokenCard);
  return { paymentMethodId: row.cardId, customer: null, behaviour, details: { ...detailsOf(card), checks: checksAtUse(card.checks) }, billingDetails: holder };
}

/**
 * Resolves what a charge or intent names (tok_…, a magic tok_visa, pm_…, a pm_card_* alias, the
 * card_… of a token) inside the caller's transaction; uses up a real token (single use). Throws
 * resource_missing (param = `param`) for unknown ids.
 */
export async function resolvePaymentSource(tx: ChargeTx, deps: ChargeDeps, account: string, ref: string, param: string): Promise<ResolvedCard> {
  const keyring = deps.env.PAYGATE_VAULT_KEYS;
  const testCard = testCardForAlias(ref);
  if (testCard && isMagicToken(ref)) {
    const { vaultCardId, card } = await vaultTestCard(tx, deps, account, testCard);
    return { paymentMethodId: vaultCardId, customer: null, details: detailsOf(card), behaviour: testCard.behaviour, billingDetails: EMPTY_BILLING_DETAILS };
  }
  if (testCard && isPaymentMethodAlias(ref)) return fromPaymentMethod(await createPaymentMethodFromTestCard(tx, deps, account, testCard), testCard.behaviour);
  if (ref.startsWith('tok_')) {
    const token = await useToken(tx, account, ref, param);
    return fromToken(token, await vaultedCardBehaviour(tx, keyring, account, token.cardId));
  }
  if (ref.startsWith('pm_')) {
    const row = await findPaymentMethod(tx, account, ref);
    if (!row) throw notFound('PaymentMethod', ref, param);
    return fromPaymentMethod(row, await vaultedCardBehaviour(tx, keyring, account, row.vaultCardId));
  }
  if (ref.startsWith('card_')) {
    const token = await findTokenByCardId(tx, account, ref);
    if (!token) throw notFound('PaymentMethod', ref, param);
    return fromToken(token, await vaultedCardBehaviour(tx, keyring, account, token.cardId));
  }
  if (normalizeCardNumber(ref)) {
    throw new PaygateError('invalid_request', `Card numbers cannot be sent as \`${param}\`: create a token or a PaymentMethod first.`, { param });
  }
  throw notFound(param === 'source' ? 'source' : 'PaymentMethod', ref, param);
}

/** The customer's default card for charges with `customer` alone: the newest attached payment method (invoice_settings is not readable here). */
export async function defaultSourceOf(tx: ChargeTx, deps: ChargeDeps, account: string, customer: string): Promise<ResolvedCard | null> {
  const row = await newestAttachedPaymentMethod(tx, account, customer);
  return row ? fromPaymentMethod(row, await vaultedCardBehaviour(tx, deps.env.PAYGATE_VAULT_KEYS, account, row.vaultCardId)) : null;
}
