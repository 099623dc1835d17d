import { idempotently, newId, PaygateError } from '@paygate/chassis';
import { EMPTY_BILLING_DETAILS, type BillingDetails } from '../domain/billing-details';
import { NO_CHECKS, type CardNode } from '../domain/card-details';
import { checkRawCard, type RawCard } from '../domain/card-input';
import type { ChargeTx } from '../db/client';
import { findToken, insertToken, markTokenUsed, type TokenRow } from '../db/tokens';
import type { ChargeDeps } from './deps';
import { notFound } from './not-found';
import { vaultCard } from './vault-card';

/** The cardholder fields a token's card carries besides what Stripe shows of the card itself. */
export interface CardHolder {
  name: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  addressCity: string | null;
  addressState: string | null;
  addressZip: string | null;
  addressCountry: string | null;
}

export type TokenCard = CardNode & CardHolder;

export interface CardInput extends RawCard, Partial<CardHolder> {}

export interface TokenNode {
  id: string;
  card: TokenCard;
  cardId: string;
  clientIp: string | null;
  created: number;
  livemode: false;
  type: 'card';
  used: boolean;
}

export function toTokenNode(row: TokenRow): TokenNode {
  return { id: row.id, card: row.card as unknown as TokenCard, cardId: row.cardId, clientIp: row.clientIp, created: row.created, livemode: false, type: 'card', used: row.used };
}

/** A token's card split into what Stripe shows of the card and its cardholder as billing details. */
export function tokenCardParts(tokenCard: TokenCard): { card: CardNode; holder: BillingDetails } {
  const { name, addressLine1, addressLine2, addressCity, addressState, addressZip, addressCountry, ...card } = tokenCard;
  const address = { line1: addressLine1, line2: addressLine2, city: addressCity, state: addressState, postalCode: addressZip, country: addressCountry };
  return { card, holder: { ...EMPTY_BILLING_DETAILS, name, address } };
}

function holderOf(input: CardInput): CardHolder {
  const field = (value: string | null | undefined) => (value === undefined || value === '' ? null : value);
  return {
    name: field(input.name), addressLine1: field(input.addressLine1), addressLine2: field(input.addressLine2), addressCity: field(input.addressCity),
    addressState: field(input.addressState), addressZip: field(input.addressZip), addressCountry: field(input.addressCountry),
  };
}

/** Tokenizes raw card fields (Stripe.js does this with a publishable key): the number goes to the vault, the token shows the rest. */
export async function createToken(deps: ChargeDeps, account: string, input: { card: CardInput }, idempotencyKey: string | null): Promise<TokenNode> {
  const checked = checkRawCard(input.card, deps.clock());
  const holder = holderOf(input.card);
  const id = newId('token');
  return deps.prisma.$transaction((tx) =>
    idempotently(tx, { account, key: idempotencyKey, operation: 'createToken', objectId: id }, (existing) => retrieveTokenIn(tx, account, existing), async () => {
      // Given but not yet verified: the network checks them when the card is first used.
      const checks = {
        ...NO_CHECKS,
        cvcCheck: checked.cvcProvided ? 'unchecked' : null,
        addressLine1Check: holder.addressLine1 ? 'unchecked' : null,
        addressPostalCodeCheck: holder.addressZip ? 'unchecked' : null,
      } as const;
      const vaulted = await vaultCard(tx, deps, account, { ...checked, checks });
      const card: TokenCard = { ...vaulted.card, ...holder };
      return toTokenNode(await insertToken(tx, { id, account, created: deps.clock(), cardId: vaulted.vaultCardId, card: card, clientIp: null }));
    }),
  );
}

async function retrieveTokenIn(db: ChargeTx, account: string, id: string): Promise<TokenNode> {
  const row = await findToken(db, account, id);
  if (!row) throw notFound('token', id);
  return toTokenNode(row);
}

/** For federation: another account's or an unknown id is simply null. */
export async function findTokenNode(deps: ChargeDeps, account: string, id: string): Promise<TokenNode | null> {
  const row = await findToken(deps.prisma, account, id);
  return row ? toTokenNode(row) : null;
}

export async function retrieveToken(deps: ChargeDeps, account: string, id: string): Promise<TokenNode> {
  return retrieveTokenIn(deps.prisma, account, id);
}

/**
 * Uses up a single-use token inside the caller's transaction (a charge or a payment method made from
 * it): the second use of the same token is refused, also when both race.
 */
export async function useToken(tx: ChargeTx, account: string, id: string, param: string): Promise<TokenRow> {
  const row = await findToken(tx, account, id);
  if (!row) throw notFound('token', id, param);
  if (!(await markTokenUsed(tx, account, id))) {
    throw new PaygateError('token_already_used', `You cannot use a Stripe token more than once: ${id}.`, { param });
  }
  return row;
}
